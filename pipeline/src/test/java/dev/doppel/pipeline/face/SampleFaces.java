package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
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
