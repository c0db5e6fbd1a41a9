package studio.convnet.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape: no GUI (it is also a headless CLI), specs without DJL, layers that only look
 * down, and no package cycles.
 *
 * <pre>
 * cli ─► train ─► runs ─► events
 *          │        └───► arch
 *          └─► data, arch, events, insight ─► arch
 * </pre>
 */
class ArchitectureTest {

  private static JavaClasses engine;

  @BeforeAll
  static void load() {
    engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("studio.convnet.engine");
  }

  /** Every {@code root.X..} is a slice; no slice may reach itself through others. */
  static ArchRule noCycles(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  @Test
  void engineHasNoGui() {
    noClasses().that().resideInAPackage("studio.convnet.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
        .check(engine);
  }

  @Test
  void specsDoNotNeedTheEngine() {
    noClasses().that().haveNameNotMatching(".*\\.ToDjl(\\$.*)?")
        .and().resideInAPackage("studio.convnet.engine.arch..")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .check(engine);
  }

  @Test
  void layersOnlyLookDown() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("studio.convnet.engine.cli..")
        .layer("train").definedBy("studio.convnet.engine.train..")
        .layer("runs").definedBy("studio.convnet.engine.runs..")
        .layer("events").definedBy("studio.convnet.engine.events..")
        .layer("insight").definedBy("studio.convnet.engine.insight..")
        .layer("data").definedBy("studio.convnet.engine.data..")
        .layer("arch").definedBy("studio.convnet.engine.arch..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("train").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("runs").mayOnlyBeAccessedByLayers("train", "cli")
        .whereLayer("events").mayOnlyBeAccessedByLayers("runs", "train", "cli")
        .whereLayer("insight").mayOnlyBeAccessedByLayers("train", "cli")
        .whereLayer("data").mayOnlyBeAccessedByLayers("train", "cli")
        .whereLayer("arch").mayOnlyBeAccessedByLayers("data", "insight", "runs", "train", "cli")
        .check(engine);
  }

  @Test
  void thereAreNoPackageCycles() {
    noCycles("studio.convnet.engine").check(engine);
  }

  @Test
  void theCycleRuleCatchesACycle() {
    // a → b → a, kept under src/test on purpose: the rule above must fail on it
    JavaClasses cyclic = new ClassFileImporter().importPackages("studio.convnet.fixture.cycle");
    assertThatThrownBy(() -> noCycles("studio.convnet.fixture.cycle").check(cyclic))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("fixture.cycle.a.Ping")
        .hasMessageContaining("fixture.cycle.b.Pong");
  }
}
