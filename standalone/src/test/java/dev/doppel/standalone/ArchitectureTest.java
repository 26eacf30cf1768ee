package dev.doppel.standalone;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module and feature lanes of docs/ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {

    /** The worker's features; what they share lives in runtime, models, faces, media and health. */
    private static final List<String> WORKER_FEATURES = List.of("extract", "train", "convert", "reenact", "animate", "deepfakes",
            "cyclegan", "reenactment", "motion");

    private static final JavaClasses DOPPEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.doppel");

    @Test
    void thePipelineIsPlainJavaWithoutSpringOrJobs() {
        noClasses().that().resideInAPackage("dev.doppel.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.doppel.model..",
                        "dev.doppel.api..", "dev.doppel.worker..", "dev.doppel.torch..", "io.minio..", "com.rabbitmq..")
                .check(DOPPEL);
    }

    @Test
    void theApiAndTheWorkerKnowOnlyTheSharedModelOfEachOther() {
        noClasses().that().resideInAPackage("dev.doppel.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.worker..", "dev.doppel.pipeline..", "dev.doppel.torch..")
                .check(DOPPEL);
        noClasses().that().resideInAPackage("dev.doppel.worker..")
                .should().dependOnClassesThat().resideInAPackage("dev.doppel.api..")
                .check(DOPPEL);
    }

    @Test
    void theSharedModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.doppel.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.api..", "dev.doppel.worker..",
                        "dev.doppel.pipeline..", "dev.doppel.torch..", "dev.doppel.standalone..")
                .check(DOPPEL);
    }

    @Test
    void thePipelinesPackagesFormNoCycleAndConversionKnowsNoFamily() {
        slices().matching("dev.doppel.pipeline.(*)..").should().beFreeOfCycles().check(DOPPEL);
        // Conversion runs any FaceTranslator: it reaches neither into training nor into a family's package.
        noClasses().that().resideInAPackage("dev.doppel.pipeline.convert..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.pipeline.train..", "dev.doppel.pipeline.swap..")
                .check(DOPPEL);
        noClasses().that().resideInAnyPackage("dev.doppel.pipeline.face..", "dev.doppel.pipeline.image..", "dev.doppel.pipeline.media..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.doppel.pipeline.train..", "dev.doppel.pipeline.convert..",
                        "dev.doppel.pipeline.swap..", "dev.doppel.pipeline.family..")
                .check(DOPPEL);
    }

    @Test
    void noFeatureOfTheWorkerImportsAnother() {
        for (String feature : WORKER_FEATURES) {
            String[] others = WORKER_FEATURES.stream().filter(other -> !other.equals(feature))
                    .map(other -> "dev.doppel.worker." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.doppel.worker." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(DOPPEL);
        }
    }

    @Test
    void thePyTorchEngineSeesOnlyTheFamilyContractAndTheDeepFakesModel() {
        noClasses().that().resideInAPackage("dev.doppel.torch..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.doppel.model..", "dev.doppel.api..",
                        "dev.doppel.worker..", "dev.doppel.pipeline.face..", "dev.doppel.pipeline.convert..", "dev.doppel.pipeline.train..",
                        "dev.doppel.pipeline.media..")
                .check(DOPPEL);
    }
}
