package io.millrace.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the module boundaries of the modular monolith honest. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.millrace");
    }

    @Test
    void accountingCoreDependsOnNoFrameworkStorageOrOtherModule() {
        noClasses().that().resideInAPackage("io.millrace.accounting..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.millrace.accounting..", "java..")
                .because("the accounting core is plain Java that can be read and tested alone")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theErpConnectionIsReachedOnlyThroughItsPort() {
        noClasses().that().resideOutsideOfPackage("io.millrace.erp..")
                .should().dependOnClassesThat().resideInAPackage("io.millrace.erp..")
                .because("other modules know nothing of the ERP; it plugs into them (lineage steps, intake,"
                        + " master data, outbox)")
                .check(classes);
        noClasses().that().resideInAPackage("io.millrace.erp").and().doNotHaveSimpleName("ErpConfig")
                .should().dependOnClassesThat().resideInAPackage("io.millrace.erp.tryton..")
                .because("only the wiring chooses the Tryton adapter; the rest of the module uses the port")
                .check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("io.millrace.(*)..").should().beFreeOfCycles().check(classes);
    }
}
