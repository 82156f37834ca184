package io.skywire.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point down only: app, then wallet, then node-core; no JavaFX below app. */
@AnalyzeClasses(packages = "io.skywire", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule NODE_CORE_KNOWS_NO_UI_WALLET_OR_APP = noClasses()
            .that().resideInAPackage("io.skywire.node..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.skywire.wallet..", "io.skywire.app..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule WALLET_KNOWS_NO_UI_OR_APP = noClasses()
            .that().resideInAPackage("io.skywire.wallet..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.skywire.app..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule NOTHING_PRINTS_STACK_TRACES = noClasses()
            .that().resideInAPackage("io.skywire..")
            .should().callMethod(Throwable.class, "printStackTrace")
            .allowEmptyShould(false);

    /** The CLI and the benchmark runner print their own output; everything else logs. */
    @ArchTest
    static final ArchRule ONLY_THE_CLI_WRITES_TO_STDOUT_OR_STDERR = noClasses()
            .that().resideInAPackage("io.skywire..").and().resideOutsideOfPackages("io.skywire.app.cli..", "io.skywire.tests.bench..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .allowEmptyShould(false);
}
