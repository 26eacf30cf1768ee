package dev.doppel.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module lanes of ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses DOPPEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.doppel");

    @Test
    void thePipelineIsPlainJavaWithoutSpringOrJobs() {
        noClasses().that().resideInAPackage("dev.doppel.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.doppel.model..",
                        "dev.doppel.api..", "dev.doppel.worker..", "io.minio..", "com.rabbitmq..")
                .check(DOPPEL);
    }

    @Test
    void theApiAndTheWorkerKnowOnlyTheSharedModelOfEachOther() {
        noClasses().that().resideInAPackage("dev.doppel.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.worker..", "dev.doppel.pipeline..")
                .check(DOPPEL);
        noClasses().that().resideInAPackage("dev.doppel.worker..")
                .should().dependOnClassesThat().resideInAPackage("dev.doppel.api..")
                .check(DOPPEL);
    }

    @Test
    void theSharedModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.doppel.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.api..", "dev.doppel.worker..",
                        "dev.doppel.pipeline..", "dev.doppel.standalone..")
                .check(DOPPEL);
    }
}
