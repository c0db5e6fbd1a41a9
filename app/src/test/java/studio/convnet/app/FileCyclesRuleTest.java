package studio.convnet.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** {@link AppArchitectureTest#filesHaveNoCycles} fails on a cycle the package rule cannot see. */
class FileCyclesRuleTest {

  private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("studio.convnet.fixture.nested");

  @Test
  void aHelperUsingATypeNestedInItsUserIsACycle() {
    assertThatThrownBy(() -> AppArchitectureTest.filesHaveNoCycles.check(FIXTURE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("fixture.nested.Owner")
        .hasMessageContaining("fixture.nested.Helper");
  }

  @Test
  void thePackageRuleAloneDoesNotSeeIt() {
    assertThatCode(() -> slices().matching("studio.convnet.(*)..").should().beFreeOfCycles().check(FIXTURE))
        .doesNotThrowAnyException();
  }
}
