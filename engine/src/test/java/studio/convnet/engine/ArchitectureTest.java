package studio.convnet.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is also a headless CLI: it must never depend on JavaFX or AWT/Swing. */
@AnalyzeClasses(packages = "studio.convnet.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule engineHasNoGui =
      noClasses().that().resideInAPackage("studio.convnet.engine..")
          .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..");

  @ArchTest
  static final ArchRule specsDoNotNeedTheEngine =
      noClasses().that().haveNameNotMatching(".*\\.ToDjl(\\$.*)?")
          .and().resideInAPackage("studio.convnet.engine.arch..")
          .should().dependOnClassesThat().resideInAPackage("ai.djl..");
}
