package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** face-api's sample photos, their aligned faces and the networks, for tests outside this package. */
public final class SampleFaces {

    private SampleFaces() {
    }

    /** The sample photo as ImageIO decodes it. */
    public static RgbImage photo(String sample) throws IOException {
        return FaceApiAssets.photo(sample);
    }

    /** The sample photo scaled to {@code width} (its height even), as the API tests upload it at 960. */
    public static RgbImage photo(String sample, int width) throws IOException {
        RgbImage photo = FaceApiAssets.photo(sample);
        int height = (photo.height() * width / photo.width()) & ~1;
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo.toImage(), 0, 0, width, height, null);
        g.dispose();
        return RgbImage.of(scaled);
    }

    /** The face networks, loaded from the face-api package the build unpacked. */
    public static FaceModels models() throws IOException {
        return FaceModels.load(FaceApiAssets.models());
    }

    /** Every face of {@code sampleN.jpg}, largest first, as extract would crop it. */
    public static List<AlignedFace> aligned(String sample, int size) throws IOException {
        try (FaceModels models = FaceModels.load(FaceApiAssets.models())) {
            return new FaceExtractor(models).extract(FaceApiAssets.photo(sample), new AlignmentOptions(size, Coverage.WHOLE_FACE))
                    .stream().map(ExtractedFace::aligned).toList();
        }
    }
}
