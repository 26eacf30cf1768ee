package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DlibFaceEmbedderTest {

    private static DlibFaceEmbedder embedder;

    @BeforeAll
    static void load() throws IOException {
        embedder = DlibFaceEmbedder.load(FaceApiAssets.models());
    }

    static List<String> samples() {
        return FaceApiAssets.SAMPLES;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void embedsAsFaceApiDoes(String sample) throws IOException {
        JsonNode faces = FaceApiAssets.golden(sample).get("faces");
        List<FaceBox> crops = new ArrayList<>();
        faces.forEach(face -> crops.add(FaceApiAssets.box(face.get("alignedBox"))));

        List<FaceEmbedding> embeddings = embedder.embed(FaceApiAssets.photo(sample), crops);

        assertThat(embeddings).hasSize(crops.size());
        for (int f = 0; f < embeddings.size(); f++) {
            float[] expected = new float[128];
            for (int i = 0; i < 128; i++) {
                expected[i] = (float) faces.get(f).get("descriptor").get(i).asDouble();
            }
            assertThat(embeddings.get(f).cosine(new FaceEmbedding(expected))).isGreaterThan(0.999);
        }
    }

    @Test
    void oneFaceFlippedOrBrightenedStaysCloserThanAnotherPerson() throws IOException {
        RgbImage photo = FaceApiAssets.photo("sample1");
        JsonNode faces = FaceApiAssets.golden("sample1").get("faces");
        FaceBox first = FaceApiAssets.box(faces.get(0).get("alignedBox"));
        FaceBox second = FaceApiAssets.box(faces.get(1).get("alignedBox"));

        List<FaceEmbedding> originals = embedder.embed(photo, List.of(first, second));
        RgbImage flipped = mirrored(photo);
        FaceBox firstFlipped = new FaceBox(photo.width() - first.right(), first.y(), first.width(), first.height());
        FaceEmbedding flippedFirst = embedder.embed(flipped, List.of(firstFlipped)).get(0);
        FaceEmbedding brighterFirst = embedder.embed(brighter(photo, 40), List.of(first)).get(0);

        double otherPerson = originals.get(0).distance(originals.get(1));
        assertThat(originals.get(0).distance(flippedFirst)).isLessThan(otherPerson);
        assertThat(originals.get(0).distance(brighterFirst)).isLessThan(otherPerson);
        assertThat(otherPerson).isGreaterThan(0.6);
    }

    private static RgbImage mirrored(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int sx = image.width() - 1 - x;
                out.setRGB(x, y, image.value(sx, y, 0) << 16 | image.value(sx, y, 1) << 8 | image.value(sx, y, 2));
            }
        }
        return RgbImage.of(out);
    }

    private static RgbImage brighter(RgbImage image, int amount) {
        byte[] rgb = image.rgb().clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.min(255, (rgb[i] & 0xff) + amount);
        }
        return new RgbImage(image.width(), image.height(), rgb);
    }
}
