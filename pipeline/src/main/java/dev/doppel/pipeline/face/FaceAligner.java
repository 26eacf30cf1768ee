package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.awt.image.BufferedImage;

/**
 * Aligns a face as faceswap and DeepFaceLab do: the Umeyama similarity from landmarks 17-67 onto
 * the mean face, then the coverage's square around it scaled to the crop size.
 *
 * <p>The jaw (0-16) is left out of the fit, as faceswap does: it is the contour a landmark net
 * places least surely, and on a turned head it slides along the silhouette. Brows, eyes, nose and
 * mouth are 51 points that move with the skull; the mouth moves with speech too, but it is 20
 * points against 31 that do not, and keeping it holds the scale steady on faces whose brows are
 * hidden by hair.
 */
public final class FaceAligner {

    private FaceAligner() {
    }

    public static AlignedFace align(RgbImage image, LandmarkSet landmarks, AlignmentOptions options) {
        double[] toCrop = toCrop(landmarks, options);
        int size = options.size();
        BufferedImage crop = AffineWarp.warp(image, Affine.invert(toCrop), size, size);
        LandmarkSet inCrop = Affine.apply(toCrop, landmarks);
        return new AlignedFace(crop, FaceMask.of(inCrop, size, size), toCrop, inCrop);
    }

    /** Where the landmarks land in the crop {@link #align} would make, without making it: for faces only measured. */
    public static LandmarkSet landmarksInCrop(LandmarkSet landmarks, AlignmentOptions options) {
        return Affine.apply(toCrop(landmarks, options), landmarks);
    }

    /** Source pixels to crop pixels. */
    static double[] toCrop(LandmarkSet landmarks, AlignmentOptions options) {
        double[] toMeanFace = UmeyamaTransform.estimate(
                landmarks.points().subList(MeanFace.FIRST, 68), MeanFace.POINTS).matrix();
        return Affine.then(toMeanFace, meanFaceToCrop(options));
    }

    static double[] meanFaceToCrop(AlignmentOptions options) {
        Coverage coverage = options.coverage();
        double scale = options.size() / coverage.side();
        return new double[] {scale, 0, -coverage.left() * scale, 0, scale, -coverage.top() * scale};
    }
}
