package dev.doppel.pipeline.family;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The (architecture, engine) implementations and the training recipes of one process, built once
 * from what its caller registers: nothing here is static.
 */
public final class ModelRegistry {

    /** Why a checkpoint cannot be run here, in words for the job's error. */
    public static final class Unrunnable extends Exception {
        public Unrunnable(String message) {
            super(message);
        }
    }

    private final Map<String, ModelImplementation> implementations = new LinkedHashMap<>();
    private final Map<String, TrainingRecipe> recipes = new LinkedHashMap<>();

    public ModelRegistry(List<ModelImplementation> implementations, List<TrainingRecipe> recipes) {
        for (ModelImplementation implementation : implementations) {
            if (this.implementations.putIfAbsent(implementation.key(), implementation) != null) {
                throw new IllegalStateException("two implementations of " + implementation.key());
            }
        }
        for (TrainingRecipe recipe : recipes) {
            if (this.recipes.putIfAbsent(recipe.family(), recipe) != null) {
                throw new IllegalStateException("two training recipes for family " + recipe.family());
            }
        }
    }

    public Optional<ModelImplementation> find(String architecture, String engine) {
        return Optional.ofNullable(implementations.get(architecture + "/" + engine));
    }

    public Optional<TrainingRecipe> recipe(String family) {
        return Optional.ofNullable(recipes.get(family));
    }

    /** {@code architecture/engine} of every implementation. */
    public Set<String> keys() {
        return new TreeSet<>(implementations.keySet());
    }

    public Set<String> engines() {
        Set<String> engines = new TreeSet<>();
        implementations.values().forEach(implementation -> engines.add(implementation.engine()));
        return engines;
    }

    /**
     * Checks a saved model's manifest against what the caller expects, so a checkpoint of another
     * architecture, engine or a newer format is refused before any work; checkpoints older than
     * manifests pass.
     */
    public ModelImplementation check(Path directory, String architecture, String engine) throws IOException, Unrunnable {
        ModelImplementation implementation = find(architecture, engine).orElseThrow(() -> new Unrunnable(
                "This worker cannot run architecture '" + architecture + "' on engine '" + engine + "'; it runs " + keys() + "."));
        Optional<ModelManifest> manifest = ModelManifest.read(directory);
        if (manifest.isPresent()) {
            ModelManifest m = manifest.get();
            if (!m.architecture().equals(architecture) || !m.engine().equals(engine)) {
                throw new Unrunnable("The checkpoint holds architecture '" + m.architecture() + "' on engine '" + m.engine()
                        + "', not '" + architecture + "' on '" + engine + "'.");
            }
            if (m.formatVersion() > implementation.formatVersion()) {
                throw new Unrunnable("The checkpoint is in format version " + m.formatVersion() + " of " + implementation.key()
                        + "; this worker reads up to version " + implementation.formatVersion() + ".");
            }
        }
        return implementation;
    }

    /** Loads a saved model after {@link #check checking} it. */
    public TrainableModel load(Path directory, String architecture, String engine) throws IOException, Unrunnable {
        return check(directory, architecture, engine).load(directory);
    }
}
