package org.latentnav.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering of the editor: views over view-models over services over the core. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.latentnav");
    }

    @Test
    void viewModelsUseNoNodesStagesOrDjl() {
        noClasses()
                .that()
                .resideInAPackage("org.latentnav.ui.viewmodel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx.scene..",
                        "javafx.stage..",
                        "ai.djl..",
                        "org.controlsfx..",
                        "org.kordamp..",
                        "org.latentnav.ui.view..")
                .check(classes);
    }

    @Test
    void servicesAndTasksUseNoUiToolkit() {
        noClasses()
                .that()
                .resideInAnyPackage("org.latentnav.ui.service..", "org.latentnav.ui.task..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "org.controlsfx..",
                        "org.latentnav.ui.view..",
                        "org.latentnav.ui.viewmodel..")
                .check(classes);
    }

    @Test
    void viewsUseNoDjl() {
        noClasses()
                .that()
                .resideInAPackage("org.latentnav.ui.view..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.djl..")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Djl")
                .check(classes);
    }

    @Test
    void coreUsesNoUi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.latentnav.edit..",
                        "org.latentnav.model..",
                        "org.latentnav.train..",
                        "org.latentnav.nn..",
                        "org.latentnav.io..",
                        "org.latentnav.engine..",
                        "org.latentnav.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..", "org.latentnav.ui..")
                .check(classes);
    }
}
