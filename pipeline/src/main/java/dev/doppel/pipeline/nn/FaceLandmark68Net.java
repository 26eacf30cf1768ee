package dev.doppel.pipeline.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * face-api's 68-point landmark net ({@code face_landmark_68_model}): four densely connected
 * blocks of depthwise-separable convolutions, average pooling and one fully connected layer.
 * Input: [n, 112, 112, 3] RGB minus the channel means, over 255. Output: [n, 136], x and y of
 * each point interleaved, relative to the square input (0..1).
 */
public final class FaceLandmark68Net {

    public static final int INPUT_SIZE = 112;
    public static final String MODEL = "face_landmark_68_model";

    private final SameDiff sd;

    private FaceLandmark68Net(SameDiff sd) {
        this.sd = sd;
    }

    public static FaceLandmark68Net load(Path modelDir) throws IOException {
        TfjsWeights weights = TfjsWeights.load(modelDir, MODEL);
        SameDiff sd = SameDiff.create();
        Convolutions layers = new Convolutions(sd);
        SDVariable out = sd.placeHolder("input", DataType.FLOAT, -1, INPUT_SIZE, INPUT_SIZE, 3);
        for (int block = 0; block < 4; block++) {
            out = denseBlock(layers, out, weights, "dense" + block, block == 0);
        }
        out = layers.avgPool(out, 7, 2).reshape(-1, 256);
        out.mmul(sd.constant(weights.get("fc/weights"))).add("landmarks", sd.constant(weights.get("fc/bias")));
        return new FaceLandmark68Net(sd);
    }

    /** [n, 136] relative landmark coordinates for a batch of crops. */
    public INDArray predict(INDArray input) {
        return sd.outputSingle(Map.of("input", input), "landmarks");
    }

    // Four convolutions, each fed the sum of all earlier outputs of the block (face-api's denseBlock4).
    private static SDVariable denseBlock(Convolutions layers, SDVariable x, TfjsWeights w, String prefix, boolean first) {
        SDVariable out1 = first
                ? layers.conv(x, w.get(prefix + "/conv0/filters"), w.get(prefix + "/conv0/bias"), 2, PaddingMode.SAME)
                : separable(layers, x, w, prefix + "/conv0", 2);
        out1 = relu(out1);
        SDVariable out2 = separable(layers, out1, w, prefix + "/conv1", 1);
        SDVariable out3 = separable(layers, relu(out1.add(out2)), w, prefix + "/conv2", 1);
        SDVariable out4 = separable(layers, relu(out1.add(out2.add(out3))), w, prefix + "/conv3", 1);
        return relu(out1.add(out2.add(out3.add(out4))));
    }

    private static SDVariable separable(Convolutions layers, SDVariable x, TfjsWeights w, String prefix, int stride) {
        SDVariable depthwise = layers.depthwise(x, w.get(prefix + "/depthwise_filter"), null, stride);
        return layers.conv(depthwise, w.get(prefix + "/pointwise_filter"), w.get(prefix + "/bias"), 1, PaddingMode.SAME);
    }

    private static SDVariable relu(SDVariable x) {
        return x.getSameDiff().nn().relu(x, 0);
    }
}
