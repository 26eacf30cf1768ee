package dev.doppel.pipeline.motion;

import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import dev.doppel.pipeline.samediff.Ssim;

/**
 * The first-order motion model and its training losses as one SameDiff graph; frames in [0, 1].
 *
 * <p>Training: keypoints of the source, the driving frame and the driving frame under a random
 * {@link ThinPlateWarp}; the source animated to the driving frame's keypoints; then the losses the
 * vox recipe weighs in (it has no GAN): {@value #RECONSTRUCTION}, L1 plus DSSIM between the
 * animated and the driving frame on a four-scale pyramid (the reference compares VGG19 features at
 * those scales, weights no build of ours ships), 10 per scale, DSSIM where a scale is at least twice
 * SSIM's window wide; {@value #EQUIVARIANCE_VALUE}, the warped frame's
 * keypoints warped back against the driving frame's, 10; {@value #EQUIVARIANCE_JACOBIAN}, their
 * Jacobians likewise, 10: so keypoints follow the picture, not the pixel grid.
 *
 * <p>Animation: the same motion and generator weights, fed keypoints from outside, which is how a
 * caller drives a face with another video's (relative) motion.
 */
final class FommGraph {

    static final String SOURCES = "sources";
    static final String DRIVINGS = "drivings";
    /** The driving frames under the step's random warp. */
    static final String WARPED = "warped";
    /** The random warps: N x 6 affine, N x 25 spline weights. */
    static final String WARP_AFFINE = "warpAffine";
    static final String WARP_WEIGHTS = "warpWeights";

    /** The sources' keypoints, N x K x 2 and N x K x 4. */
    static final String POSITIONS = "positions";
    static final String JACOBIANS = "jacobians";

    static final String SOURCE_POSITIONS = "sourcePositions";
    static final String SOURCE_JACOBIANS = "sourceJacobians";
    static final String DRIVING_POSITIONS = "drivingPositions";
    static final String DRIVING_JACOBIANS = "drivingJacobians";
    /** The sources animated to the fed keypoints. */
    static final String ANIMATED = "animated";

    static final String RECONSTRUCTION = "reconstruction";
    static final String EQUIVARIANCE_VALUE = "equivarianceValue";
    static final String EQUIVARIANCE_JACOBIAN = "equivarianceJacobian";
    /** The named losses, in the order the catalog lists them. */
    static final List<String> LOSSES = List.of(RECONSTRUCTION, EQUIVARIANCE_VALUE, EQUIVARIANCE_JACOBIAN);

    static final int PYRAMID_SCALES = 4;
    static final double RECONSTRUCTION_WEIGHT = 10;
    static final double EQUIVARIANCE_WEIGHT = 10;

    private FommGraph() {
    }

    static SameDiff build(MotionOptions options) {
        SameDiff sd = SameDiff.create();
        MotionLayers layers = new MotionLayers(sd, options.settings().seed());
        int r = options.settings().resolution();
        int k = options.keypoints();
        int down = r / options.motionSide();
        KeypointDetector detector = new KeypointDetector(layers, options);
        DenseMotion motion = new DenseMotion(layers, options);
        OcclusionAwareGenerator generator = new OcclusionAwareGenerator(layers, options);

        SDVariable sources = sd.placeHolder(SOURCES, DataType.FLOAT, -1, 3, r, r);
        SDVariable drivings = sd.placeHolder(DRIVINGS, DataType.FLOAT, -1, 3, r, r);
        SDVariable warped = sd.placeHolder(WARPED, DataType.FLOAT, -1, 3, r, r);
        SDVariable affine = sd.placeHolder(WARP_AFFINE, DataType.FLOAT, -1, 6);
        SDVariable weights = sd.placeHolder(WARP_WEIGHTS, DataType.FLOAT, -1, ThinPlateWarp.CONTROLS);

        SDVariable smallSources = layers.averagePool(sources, down);
        KeypointDetector.Found ofSource = detector.apply(smallSources);
        ofSource.positions().rename(POSITIONS);
        ofSource.jacobians().rename(JACOBIANS);
        KeypointDetector.Found ofDriving = detector.apply(layers.averagePool(drivings, down));
        KeypointDetector.Found ofWarped = detector.apply(layers.averagePool(warped, down));

        SDVariable predicted = generator.apply(sources, motion.apply(smallSources, ofSource, ofDriving));
        SDVariable reconstruction = null;
        SDVariable a = predicted;
        SDVariable b = drivings;
        for (int scale = 0, side = r; scale < PYRAMID_SCALES; scale++, side /= 2) {
            if (scale > 0) {
                a = layers.averagePool(a, 2);
                b = layers.averagePool(b, 2);
            }
            SDVariable term = sd.mean(sd.math().abs(a.sub(b)));
            if (side >= 2 * Ssim.WINDOW) {
                term = term.add(sd.mean(Ssim.dssim(sd, "dssim" + scale, a, b)));
            }
            term = term.mul(RECONSTRUCTION_WEIGHT);
            reconstruction = reconstruction == null ? term : reconstruction.add(term);
        }
        reconstruction.rename(RECONSTRUCTION);

        SDVariable wx = Matrix2x2.coordinate(ofWarped.positions(), 0, k);
        SDVariable wy = Matrix2x2.coordinate(ofWarped.positions(), 1, k);
        SDVariable[] back = ThinPlateWarp.warp(sd, affine, weights, wx, wy);
        SDVariable value = sd.math().abs(Matrix2x2.coordinate(ofDriving.positions(), 0, k).sub(back[0]))
                .add(sd.math().abs(Matrix2x2.coordinate(ofDriving.positions(), 1, k).sub(back[1])));
        SDVariable equivarianceValue = sd.mean(value).mul(EQUIVARIANCE_WEIGHT / 2).rename(EQUIVARIANCE_VALUE);

        Matrix2x2 warpedBack = ThinPlateWarp.jacobian(sd, affine, weights, wx, wy).times(Matrix2x2.of(ofWarped.jacobians(), k));
        Matrix2x2 m = Matrix2x2.of(ofDriving.jacobians(), k).inverse().times(warpedBack);
        SDVariable offIdentity = sd.math().abs(m.a().rsub(1)).add(sd.math().abs(m.b())).add(sd.math().abs(m.c()))
                .add(sd.math().abs(m.d().rsub(1)));
        SDVariable equivarianceJacobian = sd.mean(offIdentity).mul(EQUIVARIANCE_WEIGHT / 4).rename(EQUIVARIANCE_JACOBIAN);

        sd.setLossVariables(reconstruction.add(equivarianceValue).add(equivarianceJacobian));

        KeypointDetector.Found fedSource = new KeypointDetector.Found(sd.placeHolder(SOURCE_POSITIONS, DataType.FLOAT, -1, k, 2),
                sd.placeHolder(SOURCE_JACOBIANS, DataType.FLOAT, -1, k, 4));
        KeypointDetector.Found fedDriving = new KeypointDetector.Found(sd.placeHolder(DRIVING_POSITIONS, DataType.FLOAT, -1, k, 2),
                sd.placeHolder(DRIVING_JACOBIANS, DataType.FLOAT, -1, k, 4));
        generator.apply(sources, motion.apply(smallSources, fedSource, fedDriving)).rename(ANIMATED);
        return sd;
    }
}
