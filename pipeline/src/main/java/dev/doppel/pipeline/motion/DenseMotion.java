package dev.doppel.pipeline.motion;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's DenseMotionNetwork: from the source frame and both frames' keypoints, where each
 * pixel of the driving frame comes from in the source, and how sure that is.
 *
 * <p>Each keypoint k moves the neighbourhood of its driving position as its first-order Taylor
 * expansion says: T_k(z) = p_src + J_src J_drv^-1 (z - p_drv); the background does not move. The
 * source warped by each of those K + 1 motions, with heatmaps of where the keypoints went (a
 * gaussian at the driving position less one at the source's), go through an hourglass to K + 1
 * masks, softmax-normalised per pixel, which blend the motions into one flow; and to an occlusion
 * map, the parts of the driving frame the source does not show, which the generator must invent.
 */
final class DenseMotion {

    static final String NAME = "dense";
    /** The reference's kp_variance. */
    static final double VARIANCE = 0.01;
    static final int KERNEL = 7;

    /** Where each of the s² points of the driving frame samples the source (x, y: N x s², in [-1, 1]), and the occlusion map N x 1 x s x s. */
    record Flow(SDVariable x, SDVariable y, SDVariable occlusion) {
    }

    private final MotionLayers layers;
    private final MotionOptions options;
    private final Hourglass hourglass;

    DenseMotion(MotionLayers layers, MotionOptions options) {
        this.layers = layers;
        this.options = options;
        this.hourglass = new Hourglass(layers, NAME + "/hourglass", (options.keypoints() + 1) * 4, options.hourglassWidth(),
                options.hourglassMaximum(), options.hourglassBlocks());
    }

    /** @param source N x 3 x s x s at the motion side */
    Flow apply(SDVariable source, KeypointDetector.Found fromSource, KeypointDetector.Found fromDriving) {
        SameDiff sd = layers.sd();
        int k = options.keypoints();
        int s = options.motionSide();
        int points = s * s;
        SDVariable gx = sd.constant(CoordinateGrid.axis(s, 0));
        SDVariable gy = sd.constant(CoordinateGrid.axis(s, 1));
        SDVariable[] src = coordinates(fromSource.positions(), k);
        SDVariable[] drv = coordinates(fromDriving.positions(), k);

        SDVariable moved = gaussian(sd, drv, gx, gy).sub(gaussian(sd, src, gx, gy));
        SDVariable still = sd.zerosLike(moved.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()));
        SDVariable heatmaps = sd.concat(1, still, moved).reshape(-1, k + 1, s, s);

        Matrix2x2 jacobian = Matrix2x2.of(fromSource.jacobians(), k).times(Matrix2x2.of(fromDriving.jacobians(), k).inverse());
        SDVariable[] offset = jacobian.apply(gx.sub(drv[0]), gy.sub(drv[1]));
        SDVariable[] keypointMotion = {offset[0].add(src[0]), offset[1].add(src[1])};
        SDVariable zero = sd.zerosLike(keypointMotion[0].get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()));
        SDVariable motionX = sd.concat(1, zero.add(gx), keypointMotion[0]);
        SDVariable motionY = sd.concat(1, zero.add(gy), keypointMotion[1]);

        SDVariable copies = source.reshape(-1, 1, 3L * points).mul(sd.constant(Nd4j.ones(1, k + 1, 1)));
        SDVariable deformed = BilinearSampler.sample(sd, copies.reshape(-1, 3, s, s), 3, s, motionX.reshape(-1, points),
                motionY.reshape(-1, points), s).reshape(-1, (k + 1) * 3, s, s);

        SDVariable features = hourglass.apply(sd.concat(1, heatmaps, deformed));
        int channels = hourglass.outChannels();
        double std = 1 / Math.sqrt(3.0 * KERNEL * KERNEL * channels);
        SDVariable masks = sd.nn().softmax(layers.conv(NAME + "/mask", features, channels, k + 1, KERNEL, std, null), 1)
                .reshape(-1, k + 1, points);
        SDVariable x = sd.sum(masks.mul(motionX), 1);
        SDVariable y = sd.sum(masks.mul(motionY), 1);
        SDVariable occlusion = sd.nn().sigmoid(layers.conv(NAME + "/occlusion", features, channels, 1, KERNEL, std, null));
        return new Flow(x, y, occlusion);
    }

    private static SDVariable[] coordinates(SDVariable positions, int k) {
        return new SDVariable[] {Matrix2x2.coordinate(positions, 0, k), Matrix2x2.coordinate(positions, 1, k)};
    }

    /** N x K x s²: exp(-|z - p|² / (2 variance)) at every grid point z. */
    private static SDVariable gaussian(SameDiff sd, SDVariable[] p, SDVariable gx, SDVariable gy) {
        SDVariable distance = sd.math().square(gx.sub(p[0])).add(sd.math().square(gy.sub(p[1])));
        return sd.math().exp(distance.mul(-0.5 / VARIANCE));
    }
}
