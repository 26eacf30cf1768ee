package dev.doppel.pipeline.reenact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.nn.FaceRecognitionNet;
import dev.doppel.pipeline.nn.TfjsWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * pix2pixHD's perceptual loss with a network the build ships: where the reference compares VGG19
 * features (weights it would fetch from a model hub), this compares those of dlib's face
 * recognition ResNet, whose weights are packaged with Doppel's face networks and which was trained
 * to tell faces apart, which is what a reenactment must keep. L1 between the made and the real
 * face's features at the end of each of its four stages (32 to 256 channels), weighted as the
 * reference weighs VGG's deeper layers up (1/16, 1/8, 1/4, 1); the network's weights are
 * constants, so it learns nothing itself. Faces of 64 px and more fit it.
 */
final class PerceptualLoss {

    static final double[] STAGE_WEIGHTS = {1.0 / 16, 1.0 / 8, 1.0 / 4, 1};
    /** face-api's RGB channel means, which the network's input has subtracted, over 255. */
    private static final float[] MEAN_RGB = {122.782f / 255, 117.001f / 255, 104.298f / 255};

    private static volatile TfjsWeights weights;

    private PerceptualLoss() {
    }

    /** @param made and {@code real}: faces in [-1, 1], N x 3 x side x side */
    static SDVariable of(SameDiff sd, SDVariable made, SDVariable real, int side) {
        List<SDVariable> onMade = FaceRecognitionNet.stages(sd, input(sd, made), side, weights(), STAGE_WEIGHTS.length);
        List<SDVariable> onReal = FaceRecognitionNet.stages(sd, input(sd, real), side, weights(), STAGE_WEIGHTS.length);
        SDVariable loss = null;
        for (int i = 0; i < STAGE_WEIGHTS.length; i++) {
            SDVariable term = sd.mean(sd.math().abs(onMade.get(i).sub(onReal.get(i)))).mul(STAGE_WEIGHTS[i]);
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    /** [-1, 1] NCHW to the network's NHWC, face-api's normalisation. */
    private static SDVariable input(SameDiff sd, SDVariable faces) {
        SDVariable rgb = faces.add(1).mul(0.5).permute(0, 2, 3, 1);
        return rgb.sub(sd.constant(Nd4j.createFromArray(MEAN_RGB)));
    }

    /** Read once per process from the packaged face networks. */
    private static TfjsWeights weights() {
        if (weights == null) {
            synchronized (PerceptualLoss.class) {
                if (weights == null) {
                    try {
                        weights = FaceModels.packagedWeights(FaceRecognitionNet.MODEL,
                                Path.of(System.getProperty("java.io.tmpdir"), "doppel-face-weights"));
                    } catch (IOException e) {
                        throw new UncheckedIOException("the face recognition weights pix2pixHD's perceptual loss needs are missing", e);
                    }
                }
            }
        }
        return weights;
    }
}
