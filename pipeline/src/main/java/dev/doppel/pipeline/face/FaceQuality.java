package dev.doppel.pipeline.face;

/**
 * What sorting and filtering extracted faces look at, as faceswap's sort tool does.
 *
 * @param detectionScore the detector's confidence, 0..1
 * @param blur variance of the Laplacian on the aligned crop's face; higher is sharper
 * @param size width of the detected box in source pixels
 * @param yawDegrees positive when the nose points to the picture's right ({@link HeadPose})
 * @param pitchDegrees positive when the chin is up
 */
public record FaceQuality(double detectionScore, double blur, double size, double yawDegrees, double pitchDegrees) {

    static FaceQuality of(DetectedFace detection, LandmarkSet landmarks, AlignedFace aligned) {
        HeadPose pose = HeadPose.estimate(landmarks);
        return new FaceQuality(detection.score(), Sharpness.laplacianVariance(aligned.crop(), aligned.mask()),
                detection.box().width(), pose.yawDegrees(), pose.pitchDegrees());
    }
}
