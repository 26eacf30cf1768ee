package dev.doppel.pipeline.family;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a checkpoint is, written beside the engine's own files, so that a worker can tell whether it
 * can run a checkpoint before it does any work, and a person can read it.
 *
 * @param faceSets the face set each role learned from (ids as text: the pipeline knows no jobs)
 */
public record ModelManifest(String architecture, String engine, int formatVersion, int resolution, ModelSettings settings,
        long iteration, Map<String, String> faceSets) {

    public static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ModelManifest {
        faceSets = Map.copyOf(faceSets);
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve(FILE).toFile(), this);
    }

    /** Empty for checkpoints written before manifests existed. */
    public static Optional<ModelManifest> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ModelManifest.class));
        } catch (IOException e) {
            throw new IOException("the checkpoint's manifest is unreadable: " + e.getMessage(), e);
        }
    }
}
