package dev.doppel.worker.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.families.ModelFamilies;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelManifest;
import dev.doppel.pipeline.family.ModelRegistry;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.reenact.SketchToFace;
import dev.doppel.pipeline.train.TrainingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.TypeFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The contract every registered (architecture, engine) keeps, run against each implementation
 * bean the worker's family configurations declare: a new family or engine is tested by registering
 * it. Tiny networks on synthetic faces, so the suite stays in CI's budget.
 */
class ModelContractTest {

    /** An eighth of each architecture's width, its own options at their defaults (scaled by the width too). */
    private static ModelSettings tiny(ModelArchitecture architecture) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        architecture.options().forEach(option -> defaults.put(option.name(), option.defaultValue()));
        return new ModelSettings(64, 0.125, 1e-3, 3, defaults);
    }
    private static final int BATCH = 4;

    private static AnnotationConfigApplicationContext registrations;

    @TempDir
    Path folder;

    @BeforeAll
    static void registeredModels() throws ClassNotFoundException {
        registrations = new AnnotationConfigApplicationContext();
        // The family configurations alone: any @Configuration of the worker that declares model beans.
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        TypeFilter declaresModels = (reader, factory) -> reader.getAnnotationMetadata().hasAnnotation(Configuration.class.getName())
                && reader.getAnnotationMetadata().getAnnotatedMethods(Bean.class.getName()).stream()
                .anyMatch(method -> method.getReturnTypeName().equals(ModelImplementation.class.getName())
                        || method.getReturnTypeName().equals(TrainingRecipe.class.getName()));
        scanner.addIncludeFilter(declaresModels);
        for (var candidate : scanner.findCandidateComponents("dev.doppel.worker")) {
            registrations.register(Class.forName(candidate.getBeanClassName()));
        }
        registrations.register(ModelFamilies.class);
        registrations.refresh();
    }

    @AfterAll
    static void close() {
        registrations.close();
    }

    static Stream<String> implementations() {
        return registrations.getBeansOfType(ModelImplementation.class).values().stream().map(ModelImplementation::key).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void buildsStepsResumesExactlyAndDescribesItself(String key) throws IOException, ModelRegistry.Unrunnable {
        ModelImplementation implementation = implementation(key);
        TrainingRecipe recipe = recipeFor(implementation);
        List<String> roles = architecture(implementation).inputs();
        Map<String, List<TrainingFace>> faces = new LinkedHashMap<>();
        Map<String, String> faceSets = new LinkedHashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            faces.put(roles.get(i), SyntheticTrainingFaces.of(4, 64, i + 1));
            faceSets.put(roles.get(i), roles.get(i).toLowerCase(java.util.Locale.ROOT) + "-set");
        }
        ModelRegistry registry = new ModelRegistry(List.of(implementation), List.of(recipe));
        ModelSettings tiny = tiny(architecture(implementation));
        try (TrainableModel model = implementation.create(tiny)) {
            assertThat(model.parameterCount()).isPositive();
            assertThat(model.resolution()).isEqualTo(64);
            sameSizeOnEveryEngine(implementation, model.parameterCount());
            outputsInRange(model, roles);

            TrainingSession session = recipe.open(model, faces, new TrainingPlan(BATCH, 1000, 1));
            List<NamedLosses> losses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                losses.add(session.step());
            }
            assertThat(losses).allSatisfy(step -> assertThat(step.values().values()).allSatisfy(v -> assertThat(v).isFinite()));
            // Adversarial losses need not fall; every family has some loss that does when it learns.
            assertThat(losses.get(0).values().keySet()).as("the catalog's named losses").containsExactlyElementsOf(architecture(implementation).losses());
            assertThat(losses.get(0).values().keySet()).anySatisfy(name -> {
                double first = losses.get(0).values().get(name);
                double last = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(step -> step.values().get(name))
                        .average().orElseThrow();
                assertThat(last).as("%s after 30 steps against the first", name).isLessThan(0.9 * first);
            });
            assertThat(model.iteration()).isEqualTo(30);

            model.save(folder);
            ModelManifest manifest = new ModelManifest(implementation.architecture(), implementation.engine(), implementation.formatVersion(),
                    model.resolution(), tiny, model.iteration(), faceSets);
            manifest.write(folder);
            assertThat(ModelManifest.read(folder)).contains(manifest);
            assertThatThrownBy(() -> registry.check(folder, implementation.architecture(), "another-engine"))
                    .isInstanceOf(ModelRegistry.Unrunnable.class);

            try (TrainableModel resumed = registry.load(folder, implementation.architecture(), implementation.engine())) {
                assertThat(resumed.iteration()).isEqualTo(30);
                assertThat(resumed.parameterCount()).isEqualTo(model.parameterCount());
                TrainingSession straight = recipe.open(model, faces, new TrainingPlan(BATCH, 1000, 99));
                TrainingSession again = recipe.open(resumed, faces, new TrainingPlan(BATCH, 1000, 99));
                for (int i = 0; i < 2; i++) {
                    NamedLosses expected = straight.step();
                    NamedLosses actual = again.step();
                    assertThat(actual.iteration()).isEqualTo(expected.iteration());
                    expected.values().forEach((name, value) -> assertThat(actual.values().get(name)).as(name).isCloseTo(value, within(1e-5)));
                }
            }
        }
    }

    private static void sameSizeOnEveryEngine(ModelImplementation implementation, long parameters) {
        for (ModelImplementation other : registrations.getBeansOfType(ModelImplementation.class).values()) {
            if (other.architecture().equals(implementation.architecture()) && !other.engine().equals(implementation.engine())) {
                try (TrainableModel twin = other.create(tiny(architecture(other)))) {
                    assertThat(twin.parameterCount()).as("%s against %s", other.key(), implementation.key()).isEqualTo(parameters);
                }
            }
        }
    }

    /** A model that redraws faces gives RGB in [0, 1] for every role it learned; one that draws faces from sketches, for a sketch. */
    private static void outputsInRange(TrainableModel model, List<String> roles) {
        if (model instanceof SketchToFace drawer) {
            float[] pixels = drawer.draw(new FaceBatch(2, 64, new float[2 * 3 * 64 * 64])).pixels();
            assertThat(pixels).hasSize(2 * 3 * 64 * 64);
            for (float p : pixels) {
                assertThat(p).isBetween(0f, 1f);
            }
        }
        if (model instanceof FaceTranslator translator) {
            FaceBatch faces = new FaceBatch(2, 64, new float[2 * 3 * 64 * 64]);
            for (String role : roles) {
                float[] pixels = translator.translate(faces, role).pixels();
                assertThat(pixels).hasSize(2 * 3 * 64 * 64);
                for (float p : pixels) {
                    assertThat(p).isBetween(0f, 1f);
                }
            }
        }
    }

    private static ModelImplementation implementation(String key) {
        return registrations.getBeansOfType(ModelImplementation.class).values().stream().filter(i -> i.key().equals(key)).findFirst()
                .orElseThrow();
    }

    private static TrainingRecipe recipeFor(ModelImplementation implementation) {
        // The catalog says which family an architecture belongs to; the family's recipe trains it.
        List<TrainingRecipe> recipes = List.copyOf(registrations.getBeansOfType(TrainingRecipe.class).values());
        return recipes.stream().filter(recipe -> familyOf(implementation).equals(recipe.family())).findFirst().orElseThrow();
    }

    private static String familyOf(ModelImplementation implementation) {
        return architecture(implementation).family();
    }

    private static ModelArchitecture architecture(ModelImplementation implementation) {
        return registrations.getBean(ModelArchitectures.class).get(implementation.architecture());
    }
}
