package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

    /**
     * The photo as ImageIO decodes it; or, with {@code -Dface-api.pixels=DIR}, as jpeg-js did for
     * the goldens (golden.mjs with PIXELS_DIR=DIR writes them), to compare networks with no
     * decoder differences in between.
     */
    static RgbImage photo(String sample) throws IOException {
        RgbImage decoded = RgbImage.read(dir().resolve("demo").resolve(sample + ".jpg"));
        String pixels = System.getProperty("face-api.pixels");
        if (pixels == null) {
            return decoded;
        }
        byte[] rgb = Files.readAllBytes(Path.of(pixels, sample + ".rgb"));
        return new RgbImage(decoded.width(), decoded.height(), rgb);
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
