package dev.doppel.pipeline.face;

import java.io.IOException;
import java.util.List;

/** Aligned faces of face-api's sample photos, for tests outside this package (training). */
public final class SampleFaces {

    private SampleFaces() {
    }

    /** Every face of {@code sampleN.jpg}, largest first, as extract would crop it. */
    public static List<AlignedFace> aligned(String sample, int size) throws IOException {
        try (FaceModels models = FaceModels.load(FaceApiAssets.models())) {
            return new FaceExtractor(models).extract(FaceApiAssets.photo(sample), new AlignmentOptions(size, Coverage.WHOLE_FACE))
                    .stream().map(ExtractedFace::aligned).toList();
        }
    }
}
