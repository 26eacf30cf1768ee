package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.image.GaussianBlur;
import dev.doppel.pipeline.stage.StageTimes;

class FaceExtractorTest {

    private static final AlignmentOptions OPTIONS = new AlignmentOptions(128, Coverage.WHOLE_FACE);
    private static FaceModels models;
    private static FaceExtractor extractor;

    @BeforeAll
    static void load() throws IOException {
        models = FaceModels.load(FaceApiAssets.models());
        extractor = new FaceExtractor(models);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void extractsEveryFaceLargestFirstWithAllItNeeds() throws IOException {
        List<ExtractedFace> faces = extractor.extract(FaceApiAssets.photo("sample5"), OPTIONS);

        assertThat(faces).hasSize(5);
        for (int i = 0; i < faces.size(); i++) {
            ExtractedFace face = faces.get(i);
            assertThat(face.faceIndex()).isEqualTo(i);
            assertThat(face.aligned().crop().getWidth()).isEqualTo(128);
            assertThat(face.aligned().crop().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(face.embedding().vector()).hasSize(128);
            assertThat(face.quality().size()).isEqualTo(face.detection().box().width());
            assertThat(face.quality().detectionScore()).isEqualTo(face.detection().score());
            assertThat(face.quality().blur()).isPositive();
            if (i > 0) {
                assertThat(area(face)).isLessThanOrEqualTo(area(faces.get(i - 1)));
            }
        }
    }

    /** What video extraction relies on: several frames through the networks at once, each located as if alone. */
    @Test
    void locatesSeveralPicturesAtOnceAsEachAlone() throws IOException {
        List<RgbImage> photos = List.of(FaceApiAssets.photo("sample1"), FaceApiAssets.photo("sample5"), FaceApiAssets.photo("sample2"));
        List<List<LocatedFace>> together = extractor.locateAll(photos, new StageTimes());

        for (int n = 0; n < photos.size(); n++) {
            List<LocatedFace> alone = extractor.locate(photos.get(n));
            assertThat(together.get(n)).hasSameSizeAs(alone).isNotEmpty();
            for (int i = 0; i < alone.size(); i++) {
                List<LandmarkSet.Point> expected = alone.get(i).landmarks().points();
                List<LandmarkSet.Point> actual = together.get(n).get(i).landmarks().points();
                for (int p = 0; p < 68; p++) {
                    assertThat(actual.get(p).x()).isCloseTo(expected.get(p).x(), within(0.05));
                    assertThat(actual.get(p).y()).isCloseTo(expected.get(p).y(), within(0.05));
                }
            }
        }
    }

    /** A 12-megapixel photo and another would hold more than eight 1080p frames: the first goes on alone. */
    @Test
    void aBatchOfLargePicturesIsLocatedBeforeItOverfills() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        LocatingBatch<String> batch = new LocatingBatch<>(extractor, (name, picture, faces) -> seen.add(name + " " + faces.size()));
        RgbImage large = new RgbImage(4000, 3000, new byte[4000 * 3000 * 3]);

        batch.add("first", large);
        assertThat(seen).isEmpty();
        batch.add("second", large);
        assertThat(seen).containsExactly("first 0");
        batch.add("sample5", FaceApiAssets.photo("sample5"));
        batch.flush();
        assertThat(seen).containsExactly("first 0", "second 0", "sample5 5");
    }

    @Test
    void scoresABlurredFaceAsBlurrier() throws IOException {
        RgbImage photo = FaceApiAssets.photo("sample3");
        LocatedFace face = extractor.locate(photo).get(0);
        AlignedFace sharp = FaceAligner.align(photo, face.landmarks(), OPTIONS);
        BufferedImage blurred = blur(sharp.crop(), 2.0);

        double before = Sharpness.laplacianVariance(sharp.crop(), sharp.mask());
        double after = Sharpness.laplacianVariance(blurred, sharp.mask());

        assertThat(after).isLessThan(before / 3);
    }

    @Test
    void turnsTheYawSignForAMirroredFace() throws IOException {
        // sample4's faces look 30-40 degrees to either side. The landmark net is not exactly mirror
        // symmetric, so the mirrored face's yaw matches in sign and only roughly in size.
        RgbImage photo = FaceApiAssets.photo("sample4");
        RgbImage mirrored = mirror(photo);
        for (LocatedFace face : extractor.locate(photo)) {
            FaceBox box = face.detection().box();
            LocatedFace twin = extractor.locate(mirrored).stream()
                    .filter(f -> f.detection().box().iou(
                            new FaceBox(photo.width() - box.right(), box.y(), box.width(), box.height())) > 0.5)
                    .findFirst().orElseThrow();
            double yaw = HeadPose.estimate(face.landmarks()).yawDegrees();
            double mirroredYaw = HeadPose.estimate(twin.landmarks()).yawDegrees();
            if (Math.abs(yaw) > 15) {
                assertThat(Math.signum(mirroredYaw)).as("yaw %.1f, mirrored %.1f", yaw, mirroredYaw).isEqualTo(-Math.signum(yaw));
                assertThat(Math.abs(mirroredYaw)).isCloseTo(Math.abs(yaw), within(15.0));
            }
        }
    }

    private static double area(ExtractedFace face) {
        return face.detection().box().width() * face.detection().box().height();
    }

    private static RgbImage mirror(RgbImage image) {
        byte[] out = new byte[image.rgb().length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                System.arraycopy(image.rgb(), (y * image.width() + x) * 3, out, (y * image.width() + image.width() - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    private static BufferedImage blur(BufferedImage image, double sigma) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[][] channels = new byte[3][w * h];
        for (int i = 0; i < w * h; i++) {
            int rgb = image.getRGB(i % w, i / w);
            for (int c = 0; c < 3; c++) {
                channels[c][i] = (byte) (rgb >> (16 - 8 * c));
            }
        }
        for (byte[] channel : channels) {
            GaussianBlur.blur(channel, w, h, sigma, GaussianBlur.Border.REPLICATE);
        }
        for (int i = 0; i < w * h; i++) {
            out.setRGB(i % w, i / w, (channels[0][i] & 0xff) << 16 | (channels[1][i] & 0xff) << 8 | channels[2][i] & 0xff);
        }
        return out;
    }
}
