package dev.doppel.pipeline.family;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One architecture on one engine: builds a fresh model or loads a saved one. The worker registers
 * one bean per (architecture, engine) it can run.
 *
 * @param formatVersion the version of what {@link TrainableModel#save} writes; a checkpoint of a
 *                      newer version is refused rather than misread
 */
public record ModelImplementation(String architecture, String engine, int formatVersion, Factory factory, Loader loader) {

    @FunctionalInterface
    public interface Factory {
        TrainableModel create(ModelSettings settings);
    }

    @FunctionalInterface
    public interface Loader {
        TrainableModel load(Path directory) throws IOException;
    }

    public TrainableModel create(ModelSettings settings) {
        return factory.create(settings);
    }

    public TrainableModel load(Path directory) throws IOException {
        return loader.load(directory);
    }

    public String key() {
        return architecture + "/" + engine;
    }
}
