package dev.doppel.pipeline.swap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swap models by name, as a job's options choose them (faceswap's model plugins): "original" is
 * the SameDiff build; other modules add theirs, e.g. the PyTorch twin as "original-torch".
 */
public final class SwapModels {

    /** Builds a fresh model and loads a saved one. */
    public interface Factory {
        SwapModel create(SwapModelOptions options);

        SwapModel load(Path directory) throws IOException;
    }

    private static final Map<String, Factory> FACTORIES = new ConcurrentHashMap<>();

    static {
        register(SameDiffSwapModel.NAME, new Factory() {
            @Override
            public SwapModel create(SwapModelOptions options) {
                return SameDiffSwapModel.create(options);
            }

            @Override
            public SwapModel load(Path directory) throws IOException {
                return SameDiffSwapModel.load(directory);
            }
        });
    }

    private SwapModels() {
    }

    public static void register(String name, Factory factory) {
        FACTORIES.put(name, factory);
    }

    public static Set<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    public static SwapModel create(String name, SwapModelOptions options) {
        return factory(name).create(options);
    }

    public static SwapModel load(String name, Path directory) throws IOException {
        return factory(name).load(directory);
    }

    private static Factory factory(String name) {
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no swap model named '" + name + "'; known: " + names());
        }
        return factory;
    }
}
