package dev.doppel.pipeline.face;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SSD prior (anchor) boxes and the decoding of box encodings against them, as the TensorFlow
 * Object Detection API's faster-rcnn box coder does with scale factors 10, 10, 5, 5.
 * Coordinates are relative to the square network input, ordered ymin, xmin, ymax, xmax.
 */
final class PriorBoxes {

    private static final float CENTRE_SCALE = 10;
    private static final float SIZE_SCALE = 5;

    private final float[] priors;

    PriorBoxes(INDArray priors) {
        this.priors = priors.reshape(-1).toFloatVector();
    }

    int count() {
        return priors.length / 4;
    }

    /** Decodes prior i's encoding (dy, dx, dh, dw at {@code encodings[4i..4i+3]}) to ymin, xmin, ymax, xmax. */
    float[] decode(float[] encodings, int i) {
        int p = 4 * i;
        float height = priors[p + 2] - priors[p];
        float width = priors[p + 3] - priors[p + 1];
        float centreY = priors[p] + height / 2;
        float centreX = priors[p + 1] + width / 2;
        float halfHeight = (float) Math.exp(encodings[p + 2] / SIZE_SCALE) * height / 2;
        float halfWidth = (float) Math.exp(encodings[p + 3] / SIZE_SCALE) * width / 2;
        float y = encodings[p] / CENTRE_SCALE * height + centreY;
        float x = encodings[p + 1] / CENTRE_SCALE * width + centreX;
        return new float[] {y - halfHeight, x - halfWidth, y + halfHeight, x + halfWidth};
    }
}
