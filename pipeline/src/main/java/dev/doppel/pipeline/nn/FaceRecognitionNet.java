package dev.doppel.pipeline.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * face-api's face recognition net ({@code face_recognition_model}), the ResNet-34-like network of
 * dlib's face recognition model (King 2017): 29 conv layers with scale layers, residual blocks
 * from 32 to 256 channels, global average pooling and a 256 to 128 projection.
 * Input: [n, 150, 150, 3] RGB minus the channel means, over 255. Output: [n, 128] descriptors.
 */
public final class FaceRecognitionNet {

    public static final int INPUT_SIZE = 150;
    public static final String MODEL = "face_recognition_model";

    private final SameDiff sd;

    private FaceRecognitionNet(SameDiff sd) {
        this.sd = sd;
    }

    public static FaceRecognitionNet load(Path modelDir) throws IOException {
        TfjsWeights weights = TfjsWeights.load(modelDir, MODEL);
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, INPUT_SIZE, INPUT_SIZE, 3);
        List<SDVariable> stages = stages(sd, input, INPUT_SIZE, weights, STAGES.size());
        stages.get(STAGES.size() - 1).mean(1, 2).mmul("descriptor", sd.constant(weights.get("fc")));
        return new FaceRecognitionNet(sd);
    }

    /** The blocks whose outputs {@link #stages} gives: the ends of the 32, 64, 128 and 256 channel stages, then the last block. */
    public static final List<String> STAGES = List.of("conv32_3", "conv64_3", "conv128_2", "conv256_2", "conv256_down_out");

    /**
     * The network's first {@code count} {@link #STAGES}, built into {@code sd} on {@code input} ([n,
     * side, side, 3], normalised as face-api does: RGB minus the channel means, over 255), its
     * weights as constants: what a perceptual loss compares. The first four take sides from 64 px
     * on; the last needs about 104 (it is built for 150).
     */
    public static List<SDVariable> stages(SameDiff sd, SDVariable input, int side, TfjsWeights weights, int count) {
        Convolutions layers = new Convolutions(sd);
        SDVariable out = relu(conv(layers, input, weights, "conv32_down", 2, PaddingMode.VALID));
        out = layers.maxPool(out, 3, 2);
        int current = ((side - 7) / 2 + 1 - 3) / 2 + 1;
        List<SDVariable> stages = new ArrayList<>();
        for (String block : new String[] {
                "conv32_1", "conv32_2", "conv32_3",
                "conv64_down", "conv64_1", "conv64_2", "conv64_3",
                "conv128_down", "conv128_1", "conv128_2",
                "conv256_down", "conv256_1", "conv256_2", "conv256_down_out"}) {
            if (block.contains("down")) {
                out = residualDown(layers, out, current, weights, block);
                current /= 2;
            } else {
                out = residual(layers, out, weights, block);
            }
            if (block.equals(STAGES.get(stages.size()))) {
                stages.add(out);
                if (stages.size() == count) {
                    break;
                }
            }
        }
        return stages;
    }

    /** [n, 128] face descriptors for a batch of crops. */
    public INDArray predict(INDArray input) {
        return sd.outputSingle(Map.of("input", input), "descriptor");
    }

    private static SDVariable residual(Convolutions layers, SDVariable x, TfjsWeights w, String prefix) {
        SDVariable out = relu(conv(layers, x, w, prefix + "/conv1", 1, PaddingMode.SAME));
        out = conv(layers, out, w, prefix + "/conv2", 1, PaddingMode.SAME);
        return relu(out.add(x));
    }

    // The shortcut is a 2x2 average pool, widened with zero channels; where the strided VALID
    // convolution comes out one pixel smaller than the pool (odd sizes), face-api appends a zero
    // row and column to the convolution's side.
    private static SDVariable residualDown(Convolutions layers, SDVariable x, int side, TfjsWeights w, String prefix) {
        SDVariable out = relu(conv(layers, x, w, prefix + "/conv1", 2, PaddingMode.VALID));
        out = conv(layers, out, w, prefix + "/conv2", 1, PaddingMode.SAME);
        SDVariable pooled = layers.avgPool(x, 2, 2);
        long inChannels = w.get(prefix + "/conv1/conv/filters").size(2);
        long outChannels = w.get(prefix + "/conv2/conv/filters").size(3);
        if (outChannels > inChannels) {
            pooled = pad(pooled, 0, outChannels - inChannels);
        }
        int convSide = (side - 3) / 2 + 1;
        if (convSide < side / 2) {
            out = pad(out, side / 2 - convSide, 0);
        }
        return relu(pooled.add(out));
    }

    private static SDVariable conv(Convolutions layers, SDVariable x, TfjsWeights w, String prefix, int stride,
            PaddingMode padding) {
        // The scale layer (x * weights + biases, per channel) folds into the filters and bias.
        INDArray filters = w.get(prefix + "/conv/filters");
        INDArray scale = w.get(prefix + "/scale/weights");
        INDArray foldedFilters = filters.reshape(-1, filters.size(3)).mulRowVector(scale).reshape(filters.shape());
        INDArray foldedBias = w.get(prefix + "/conv/bias").mul(scale).add(w.get(prefix + "/scale/biases"));
        return layers.conv(x, foldedFilters, foldedBias, stride, padding);
    }

    private static SDVariable pad(SDVariable x, long spatial, long channels) {
        INDArray paddings = Nd4j.createFromArray(new int[][] {{0, 0}, {0, (int) spatial}, {0, (int) spatial}, {0, (int) channels}});
        return x.getSameDiff().nn().pad(x, x.getSameDiff().constant(paddings), PadMode.CONSTANT, 0);
    }

    private static SDVariable relu(SDVariable x) {
        return x.getSameDiff().nn().relu(x, 0);
    }
}
