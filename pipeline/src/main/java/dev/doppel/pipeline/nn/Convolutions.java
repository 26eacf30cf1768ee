package dev.doppel.pipeline.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * TensorFlow-style layers as SameDiff ops: NHWC activations and HWIO ({@code YXIO}) filters, the
 * layouts tfjs weights come in, so no filter is ever transposed. SAME padding puts the odd
 * pixel at the bottom/right, as TensorFlow does.
 */
final class Convolutions {

    private final SameDiff sd;

    Convolutions(SameDiff sd) {
        this.sd = sd;
    }

    /** A convolution; {@code filters} is [kH, kW, in, out], {@code bias} may be null. */
    SDVariable conv(SDVariable x, INDArray filters, INDArray bias, int stride, PaddingMode padding) {
        Conv2DConfig config = config(filters, stride, padding);
        SDVariable w = sd.constant(filters);
        return bias == null ? sd.cnn().conv2d(x, w, config) : sd.cnn().conv2d(x, w, sd.constant(bias), config);
    }

    /** A depthwise convolution; {@code filters} is [kH, kW, channels, 1]. */
    SDVariable depthwise(SDVariable x, INDArray filters, INDArray bias, int stride) {
        Conv2DConfig config = config(filters, stride, PaddingMode.SAME);
        SDVariable w = sd.constant(filters);
        return bias == null
                ? sd.cnn().depthWiseConv2d(x, w, config)
                : sd.cnn().depthWiseConv2d(x, w, sd.constant(bias), config);
    }

    SDVariable avgPool(SDVariable x, int kernel, int stride) {
        return sd.cnn().avgPooling2d(x, pool(kernel, stride, Pooling2D.Pooling2DType.AVG));
    }

    SDVariable maxPool(SDVariable x, int kernel, int stride) {
        return sd.cnn().maxPooling2d(x, pool(kernel, stride, Pooling2D.Pooling2DType.MAX));
    }

    private static Conv2DConfig config(INDArray filters, int stride, PaddingMode padding) {
        return Conv2DConfig.builder()
                .kH(filters.size(0)).kW(filters.size(1))
                .sH(stride).sW(stride)
                .paddingMode(padding)
                .dataFormat("NHWC")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
    }

    private static Pooling2DConfig pool(int kernel, int stride, Pooling2D.Pooling2DType type) {
        return Pooling2DConfig.builder()
                .kH(kernel).kW(kernel)
                .sH(stride).sW(stride)
                .type(type)
                .paddingMode(PaddingMode.VALID)
                .isNHWC(true)
                .build();
    }
}
