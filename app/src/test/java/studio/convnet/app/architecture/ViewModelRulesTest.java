package studio.convnet.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** MVVM: view-models hold properties and commands and never touch controls or the scene graph. */
class ViewModelRulesTest {

  @Test
  void viewModelsDoNotDependOnTheSceneGraph() {
    noClasses()
        .that().haveSimpleNameEndingWith("ViewModel")
        .or().haveSimpleName("LayerEdits").or().haveSimpleName("Answers").or().haveSimpleName("Arithmetic")
        .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.convnet.app"));
  }
}
