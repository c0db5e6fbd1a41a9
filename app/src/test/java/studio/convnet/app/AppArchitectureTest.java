package studio.convnet.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * MVVM as JabRef enforces it, and the app's package structure. View-models (and the plain helpers
 * they are built from) hold properties and commands and never touch controls or the scene graph, so
 * they are tested with plain JUnit; feature packages do not form cycles. (The engine's
 * ArchitectureTest shows the cycle rule failing on a deliberately cyclic fixture.)
 */
@AnalyzeClasses(packages = "studio.convnet.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

  @ArchTest
  static final ArchRule viewModelsDoNotTouchTheSceneGraph =
      noClasses().that().haveSimpleNameEndingWith("ViewModel")
          .or().haveSimpleName("LayerEdits").or().haveSimpleName("Answers").or().haveSimpleName("Arithmetic")
          .or().haveSimpleName("Outline")
          .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles =
      slices().matching("studio.convnet.app.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theAppUsesTheEnginesFoldAndCodec =
      noClasses().that().resideInAPackage("studio.convnet.app..")
          .should().dependOnClassesThat().haveNameMatching("com\\.google\\.gson\\..*");
}
