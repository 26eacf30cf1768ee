package dev.doppel.worker.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelRegistry;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.worker.WorkerProperties;
import dev.doppel.worker.runtime.JobFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The models this worker can run: the (architecture, engine) implementation beans of the engines in
 * {@code doppel.worker.engines}, and each family's training recipe. It refuses to start when an
 * engine it is asked to run backs no implementation, or when the catalog promises an architecture on
 * one of its engines that this build cannot run: such a worker would claim jobs only to fail them.
 */
@Component
public class WorkerModels {

    private static final Logger log = LoggerFactory.getLogger(WorkerModels.class);

    private final ModelArchitectures architectures;
    private final ModelRegistry registry;
    private final Set<String> engines;

    public WorkerModels(List<ModelImplementation> implementations, List<TrainingRecipe> recipes, ModelArchitectures architectures,
            WorkerProperties worker) {
        this.architectures = architectures;
        this.engines = new TreeSet<>(worker.engines());
        List<ModelImplementation> runnable = implementations.stream().filter(i -> engines.contains(i.engine())).toList();
        this.registry = new ModelRegistry(runnable, recipes);
        List<String> missing = new ArrayList<>();
        for (String engine : engines) {
            if (registry.engines().stream().noneMatch(engine::equals)) {
                missing.add("engine '" + engine + "' has no implementation in this build (is its module, with its natives, on the classpath?)");
            }
        }
        for (ModelArchitecture architecture : architectures.all()) {
            for (String engine : architecture.engines()) {
                if (engines.contains(engine) && registry.find(architecture.name(), engine).isEmpty()) {
                    missing.add("architecture '" + architecture.name() + "' on engine '" + engine + "' has no implementation");
                }
            }
            if (registry.recipe(architecture.family()).isEmpty() && architecture.engines().stream().anyMatch(engines::contains)) {
                missing.add("family '" + architecture.family() + "' has no training recipe");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("doppel.worker.engines=" + engines + " cannot be served: " + String.join("; ", missing));
        }
        log.info("Worker runs engines {}: {}", engines, registry.keys());
    }

    public Set<String> engines() {
        return engines;
    }

    /** This worker's engines that run an architecture whose models jobs of {@code kind} take: the queues worth consuming. */
    public Set<String> enginesFor(String kind) {
        Set<String> serving = new TreeSet<>(architectures.enginesUsedBy(kind));
        serving.retainAll(engines);
        return serving;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** The architecture and its family's recipe, or a job failure that says what this worker runs. */
    public ModelArchitecture architecture(String name) {
        return architectures.find(name).orElseThrow(() -> new JobFailure("model-unavailable",
                "Architecture '" + name + "' is not known to this worker; it runs " + registry.keys() + "."));
    }

    public ModelImplementation implementation(String architecture, String engine) {
        return registry.find(architecture, engine).orElseThrow(() -> new JobFailure("model-unavailable",
                "This worker cannot run architecture '" + architecture + "' on engine '" + engine + "'; it runs " + registry.keys() + "."));
    }

    public TrainingRecipe recipe(ModelArchitecture architecture) {
        return registry.recipe(architecture.family()).orElseThrow(() -> new JobFailure("model-unavailable",
                "This worker cannot train models of family '" + architecture.family() + "'."));
    }

    /** Refuses, as a job failure, a checkpoint this worker cannot run. */
    public void checkRunnable(Path directory, String architecture, String engine) throws IOException {
        try {
            registry.check(directory, architecture, engine);
        } catch (ModelRegistry.Unrunnable e) {
            throw new JobFailure("model-unavailable", e.getMessage());
        }
    }

    /** Loads a saved model after checking its manifest; a checkpoint this worker cannot run fails the job before any work. */
    public TrainableModel load(Path directory, String architecture, String engine) throws IOException {
        try {
            return registry.load(directory, architecture, engine);
        } catch (ModelRegistry.Unrunnable e) {
            throw new JobFailure("model-unavailable", e.getMessage());
        }
    }
}
