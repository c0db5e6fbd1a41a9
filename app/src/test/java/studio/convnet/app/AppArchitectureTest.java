package studio.convnet.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** MVVM as JabRef enforces it: view-models never touch controls, so they are tested with plain JUnit. */
@AnalyzeClasses(packages = "studio.convnet.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

  @ArchTest
  static final ArchRule viewModelsDoNotTouchControls =
      noClasses().that().haveSimpleNameEndingWith("ViewModel")
          .should().dependOnClassesThat().resideInAnyPackage(
              "javafx.scene.control..", "javafx.scene.layout..", "javafx.stage..");
}
