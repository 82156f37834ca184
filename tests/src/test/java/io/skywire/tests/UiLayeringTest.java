package io.skywire.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The desktop window's layers: view models hold properties only (no scene graph, stage or toolkit), so they are
 * tested without the FX thread; the UI does not reach into the command line.
 */
@AnalyzeClasses(packages = "io.skywire.app", importOptions = ImportOption.DoNotIncludeTests.class)
class UiLayeringTest {

    @ArchTest
    static final ArchRule VIEW_MODELS_ARE_PROPERTIES_ONLY = noClasses()
            .that().resideInAPackage("io.skywire.app.ui..").and().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                    "javafx.application..", "javafx.fxml..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule THE_ROUTE_MAP_MODEL_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("io.skywire.app.ui.map..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule THE_UI_DOES_NOT_USE_THE_COMMAND_LINE = noClasses()
            .that().resideInAPackage("io.skywire.app.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.skywire.app.cli..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule THE_WALLET_SERVICE_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("io.skywire.app.wallet..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.skywire.app.ui..", "io.skywire.app.cli..")
            .allowEmptyShould(false);
}
