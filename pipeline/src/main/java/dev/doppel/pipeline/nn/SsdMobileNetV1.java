package dev.doppel.pipeline.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SSD face detector of face-api ({@code ssd_mobilenetv1_model}): a MobileNetV1 backbone
 * (Howard et al. 2017) and SSD box predictors (Liu et al. 2016) on six feature maps, 5,118 prior
 * boxes in all. Input: [n, 512, 512, 3] RGB scaled to -1..1. Outputs per prior: a box encoding
 * (dy, dx, dh, dw as the TensorFlow Object Detection API writes them) and three class logits
 * (background, face, unused).
 */
public final class SsdMobileNetV1 {

    public static final int INPUT_SIZE = 512;
    public static final String MODEL = "ssd_mobilenetv1_model";

    // tfjs batchNorm epsilon of the exported graph (float32 0.001).
    private static final double BATCH_NORM_EPSILON = 0.0010000000474974513;
    private static final int[] STRIDE_TWO_PAIRS = {2, 4, 6, 12};

    private final SameDiff sd;
    private final INDArray priorBoxes;

    private SsdMobileNetV1(SameDiff sd, INDArray priorBoxes) {
        this.sd = sd;
        this.priorBoxes = priorBoxes;
    }

    public static SsdMobileNetV1 load(Path modelDir) throws IOException {
        TfjsWeights weights = TfjsWeights.load(modelDir, MODEL);
        SameDiff sd = SameDiff.create();
        Convolutions layers = new Convolutions(sd);
        SDVariable input = sd.placeHolder("input", DataType.FLOAT, -1, INPUT_SIZE, INPUT_SIZE, 3);

        SDVariable out = pointwise(layers, input, weights, "MobilenetV1/Conv2d_0_pointwise", 2);
        SDVariable conv11 = null;
        for (int i = 1; i <= 13; i++) {
            int stride = contains(STRIDE_TWO_PAIRS, i) ? 2 : 1;
            out = depthwiseBatchNorm(layers, out, weights, "MobilenetV1/Conv2d_" + i + "_depthwise", stride);
            out = pointwise(layers, out, weights, "MobilenetV1/Conv2d_" + i + "_pointwise", 1);
            if (i == 11) {
                conv11 = out;
            }
        }

        // Feature maps of 32, 16, 8, 4, 2 and 1 cells a side for a 512 px input.
        List<SDVariable> featureMaps = new ArrayList<>(List.of(conv11, out));
        List<Integer> sides = new ArrayList<>(List.of(INPUT_SIZE / 16, INPUT_SIZE / 32));
        SDVariable extra = out;
        for (int i = 0; i < 8; i += 2) {
            extra = pointwise(layers, extra, weights, "Prediction/Conv2d_" + i + "_pointwise", 1);
            extra = pointwise(layers, extra, weights, "Prediction/Conv2d_" + (i + 1) + "_pointwise", 2);
            featureMaps.add(extra);
            sides.add(sides.get(sides.size() - 1) / 2);
        }

        SDVariable[] boxes = new SDVariable[featureMaps.size()];
        SDVariable[] classes = new SDVariable[featureMaps.size()];
        for (int i = 0; i < featureMaps.size(); i++) {
            String prefix = "Prediction/BoxPredictor_" + i;
            int cells = sides.get(i) * sides.get(i);
            boxes[i] = predictor(layers, featureMaps.get(i), cells, weights, prefix + "/BoxEncodingPredictor", 4);
            classes[i] = predictor(layers, featureMaps.get(i), cells, weights, prefix + "/ClassPredictor", 3);
        }
        sd.concat("boxEncodings", 1, boxes);
        sd.concat("classLogits", 1, classes);
        return new SsdMobileNetV1(sd, weights.get("Output/extra_dim").reshape(-1, 4));
    }

    /** Raw predictions for a batch: {@code boxEncodings} [n, 5118, 4], {@code classLogits} [n, 5118, 3]. */
    public Map<String, INDArray> predict(INDArray input) {
        return sd.output(Map.of("input", input), "boxEncodings", "classLogits");
    }

    /** The prior (anchor) boxes, [5118, 4] as ymin, xmin, ymax, xmax relative to the input. */
    public INDArray priorBoxes() {
        return priorBoxes;
    }

    // Conv + folded batch norm ("convolution_bn_offset") + ReLU6.
    private static SDVariable pointwise(Convolutions layers, SDVariable x, TfjsWeights w, String prefix, int stride) {
        SDVariable conv = layers.conv(x, w.get(prefix + "/weights"), w.get(prefix + "/convolution_bn_offset"),
                stride, PaddingMode.SAME);
        return relu6(conv);
    }

    // The batch norm is folded into the depthwise filters and a bias once, at load time, instead
    // of four elementwise ops per call: the same function up to float rounding.
    private static SDVariable depthwiseBatchNorm(Convolutions layers, SDVariable x, TfjsWeights w, String prefix, int stride) {
        INDArray filters = w.get(prefix + "/depthwise_weights");
        INDArray gamma = w.get(prefix + "/BatchNorm/gamma");
        INDArray beta = w.get(prefix + "/BatchNorm/beta");
        INDArray mean = w.get(prefix + "/BatchNorm/moving_mean");
        INDArray variance = w.get(prefix + "/BatchNorm/moving_variance");
        INDArray scale = gamma.div(Transforms.sqrt(variance.add(BATCH_NORM_EPSILON), true));
        long channels = filters.size(2);
        INDArray folded = filters.reshape(-1, channels).mulRowVector(scale).reshape(filters.shape());
        INDArray bias = beta.sub(mean.mul(scale));
        return relu6(layers.depthwise(x, folded, bias, stride));
    }

    // 1x1 conv with bias, flattened to one row per prior: feature map cells in row-major order,
    // then the anchors of each cell, exactly as tfjs reshapes NHWC.
    private static SDVariable predictor(Convolutions layers, SDVariable x, int cells, TfjsWeights w, String prefix,
            int width) {
        INDArray filters = w.get(prefix + "/weights");
        SDVariable conv = layers.conv(x, filters, w.get(prefix + "/biases"), 1, PaddingMode.SAME);
        return conv.reshape(-1, cells * filters.size(3) / width, width);
    }

    private static SDVariable relu6(SDVariable x) {
        return x.getSameDiff().nn().relu6(x, 0);
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
