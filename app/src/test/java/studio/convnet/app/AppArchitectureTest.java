package studio.convnet.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * MVVM as JabRef enforces it, and the app's package structure. View-models (and the plain helpers
 * they are built from) hold properties and commands and never touch controls or the scene graph, so
 * they are tested with plain JUnit; feature packages do not form cycles, and layers only look down.
 * (The engine's ArchitectureTest shows the cycle rule failing on a deliberately cyclic fixture.)
 *
 * <pre>
 * shell (Launcher, StudioApp, MainView, TrainingTabs)
 *   ├─► race ─► training ─► dashboard ─► common
 *   ├─► runs ─► dashboard
 *   ├─► architecture ─► presenter
 *   ├─► augmentation, exercises ─► common
 *   └─► home ─► wiring (AppContext, Assets)
 * </pre>
 */
@AnalyzeClasses(packages = "studio.convnet.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

  @ArchTest
  static final ArchRule viewModelsDoNotTouchTheSceneGraph =
      noClasses().that().haveSimpleNameEndingWith("ViewModel")
          .or().haveSimpleName("LayerEdits").or().haveSimpleName("Answers").or().haveSimpleName("Arithmetic")
          .or().haveSimpleName("Prediction").or().haveSimpleName("Outline").or().haveSimpleName("Folding")
          .or().haveSimpleName("EstimateText").or().haveSimpleName("Examples")
          .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles =
      slices().matching("studio.convnet.app.(*)..").should().beFreeOfCycles();

  /** Each source file (a top-level class with its nested, anonymous and lambda classes) is one slice. */
  static final SliceAssignment FILES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String name = c.getName();
      int nested = name.indexOf('$');
      return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
    }

    @Override
    public String getDescription() {
      return "source files";
    }
  };

  /**
   * No file reaches itself through others: a type that a class's helpers share (the explorer's
   * {@code Side}, {@code Selection}, {@code Row}, {@code Column}) stands in a file of its own below
   * them, not nested in the class that uses those helpers.
   */
  @ArchTest
  static final ArchRule filesHaveNoCycles = slices().assignedFrom(FILES).should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theAppUsesTheEnginesFoldAndCodec =
      noClasses().that().resideInAPackage("studio.convnet.app..")
          .should().dependOnClassesThat().haveNameMatching("com\\.google\\.gson\\..*");

  private static final String APP = "studio.convnet.app";
  private static final String WIRING = "studio\\.convnet\\.app\\.(AppContext|Assets)(\\$.*)?";

  /** A feature uses the shared packages below it, never the shell or another feature (race uses training). */
  @ArchTest
  static final ArchRule layersOnlyLookDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("shell").definedBy(resideInAPackage(APP).and(nameMatching(WIRING).negate()))
      .layer("race").definedBy(APP + ".race..")
      .layer("training").definedBy(APP + ".training..")
      .layer("runs").definedBy(APP + ".runs..")
      .layer("architecture").definedBy(APP + ".architecture..")
      .layer("augmentation").definedBy(APP + ".augmentation..")
      .layer("home").definedBy(APP + ".home..")
      .layer("exercises").definedBy(APP + ".exercises..")
      .layer("dashboard").definedBy(APP + ".dashboard..")
      .layer("presenter").definedBy(APP + ".presenter..")
      .layer("common").definedBy(APP + ".common..")
      .layer("wiring").definedBy(nameMatching(WIRING))
      .whereLayer("shell").mayNotBeAccessedByAnyLayer()
      .whereLayer("race").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("training").mayOnlyBeAccessedByLayers("shell", "race")
      .whereLayer("runs").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("architecture").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("augmentation").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("home").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("exercises").mayOnlyBeAccessedByLayers("shell")
      .whereLayer("dashboard").mayOnlyBeAccessedByLayers("shell", "training", "runs")
      .whereLayer("presenter").mayOnlyBeAccessedByLayers("shell", "architecture")
      .whereLayer("common").mayNotAccessAnyLayer()
      .whereLayer("presenter").mayNotAccessAnyLayer()
      .whereLayer("wiring").mayOnlyBeAccessedByLayers("shell", "home")
      .whereLayer("wiring").mayNotAccessAnyLayer();
}
