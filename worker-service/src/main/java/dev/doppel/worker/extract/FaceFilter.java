package dev.doppel.worker.extract;

import java.util.Optional;

import dev.doppel.model.extract.ExtractParameters;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceEmbedding;

/** The extract job's thresholds; a face that fails one is dropped, and the reason is counted. */
record FaceFilter(ExtractParameters parameters, Optional<FaceEmbedding> reference) {

    /** Returns why the face is dropped, or empty when it is kept. */
    Optional<String> rejection(ExtractedFace face) {
        if (face.quality().size() < parameters.minFaceSize()) {
            return Optional.of("tooSmall");
        }
        if (face.quality().blur() < parameters.minBlur()) {
            return Optional.of("tooBlurry");
        }
        if (Math.abs(face.quality().yawDegrees()) > parameters.maxYawDegrees()) {
            return Optional.of("turnedAway");
        }
        if (parameters.maxIdentityDistance() != null && reference.isPresent()
                && identityDistance(face).orElseThrow() > parameters.maxIdentityDistance()) {
            return Optional.of("otherPerson");
        }
        return Optional.empty();
    }

    Optional<Double> identityDistance(ExtractedFace face) {
        return reference.map(ref -> ref.distance(face.embedding()));
    }
}
