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
    void theAuditLogDependsOnNoOtherModuleThanWeb() {
        noClasses().that().resideInAPackage("io.millrace.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.millrace.access..", "io.millrace.masterdata..",
                        "io.millrace.pipeline..", "io.millrace.ledger..", "io.millrace.intake..", "io.millrace.eventlog..",
                        "io.millrace.outbox..", "io.millrace.catalog..", "io.millrace.accounting..")
                .because("every module records into the audit log, so it must not lean on any of them")
                .check(classes);
    }

    @Test
    void correctionsSitAtTheEdgeWhereNoOtherModuleDependsOnThem() {
        noClasses().that().resideOutsideOfPackage("io.millrace.corrections..")
                .should().dependOnClassesThat().resideInAPackage("io.millrace.corrections..")
                .because("corrections are requests at the edge; the rules live in the accounting core")
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

    @Test
    void plantChannelsReachTheEventLogOnlyThroughTheOneIntake() {
        noClasses().that().resideInAPackage("io.millrace.connectivity..")
                .should().dependOnClassesThat().belongToAnyOf(io.millrace.eventlog.EventLog.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.millrace.eventlog.jdbc..",
                        "io.millrace.eventlog.kafka..", "io.millrace.pipeline..", "io.millrace.ledger..")
                .because("every channel hands its events to EventIntake, so validation, scope, idempotency and "
                        + "the log are the same as for POST /api/v1/events")
                .check(classes);
    }

    @Test
    void theEdgeAgentRunsTheIntakeWithoutTheBooksAndOnlyTheLauncherStartsIt() {
        noClasses().that().resideInAPackage("io.millrace.edge..")
                .should().dependOnClassesThat().resideInAnyPackage("io.millrace.pipeline..", "io.millrace.ledger..",
                        "io.millrace.outbox..", "io.millrace.masterdata..", "io.millrace.accounting..")
                .because("the edge agent accepts and forwards events; the hub applies them")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("io.millrace.edge..", "io.millrace.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.millrace.edge..")
                .because("the edge agent is an application of its own, started by the launcher")
                .check(classes);
    }

    @Test
    void intakeOnlyWritesAndEventTrackingReadsWhatIntakeAndThePipelineWrote() {
        noClasses().that().resideInAPackage("io.millrace.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("io.millrace.pipeline..", "io.millrace.tracking..",
                        "io.millrace.ledger..")
                .because("intake validates and appends; reading events back with their lineage is event tracking's")
                .check(classes);
    }

    /**
     * The modules of accepting and applying, each with every module it may use. A new dependency
     * is a design decision: declare it here.
     */
    private static final java.util.Map<String, java.util.Set<String>> DECLARED = java.util.Map.of(
            "storage", java.util.Set.of(),
            "eventlog", java.util.Set.of(),
            "intake", java.util.Set.of("access", "accounting", "catalog", "eventlog", "web"),
            "tracking", java.util.Set.of("access", "catalog", "eventlog", "intake", "pipeline", "web"),
            "pipeline", java.util.Set.of("access", "accounting", "audit", "catalog", "eventlog", "ledger", "masterdata",
                    "outbox", "web"));

    @Test
    void theModulesOfAcceptingAndApplyingUseOnlyTheModulesTheyDeclare() {
        java.util.Set<String> modules = new java.util.TreeSet<>();
        classes.forEach(c -> {
            String name = c.getPackageName();
            if (name.startsWith("io.millrace.")) {
                modules.add(name.substring("io.millrace.".length()).split("\\.")[0]);
            }
        });
        DECLARED.forEach((module, allowed) -> {
            String[] others = modules.stream().filter(m -> !m.equals(module) && !allowed.contains(m))
                    .map(m -> "io.millrace." + m + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.millrace." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because(module + " declares " + allowed)
                    .check(classes);
        });
    }
}
