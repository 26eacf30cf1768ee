package dev.doppel.pipeline.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The face-api package the build unpacks into target/face-api, and our golden files from it. */
final class FaceApiAssets {

    static final List<String> SAMPLES = IntStream.rangeClosed(1, 6).mapToObj(n -> "sample" + n).toList();

    private FaceApiAssets() {
    }

    static Path dir() {
        return Path.of(System.getProperty("face-api.dir", "target/face-api"));
    }

    static Path models() {
        return dir().resolve("model");
    }

    static RgbImage photo(String sample) throws IOException {
        return RgbImage.read(dir().resolve("demo").resolve(sample + ".jpg"));
    }

    /** What face-api itself said about the photo (src/test/node/golden.mjs). */
    static JsonNode golden(String sample) throws IOException {
        try (InputStream in = FaceApiAssets.class.getResourceAsStream("/face-goldens/" + sample + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static FaceBox box(JsonNode rect) {
        return new FaceBox(rect.get(0).asDouble(), rect.get(1).asDouble(), rect.get(2).asDouble(), rect.get(3).asDouble());
    }
}
