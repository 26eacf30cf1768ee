package dev.doppel.pipeline.face;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean positions of landmarks 17-67 (brows, nose, eyes, mouth; no jaw) scaled into the unit
 * square: the template dlib's face chips align to ({@code get_face_chip_details}) and that
 * faceswap and DeepFaceLab took over as their "mean face". Landmark i sits at index i - 17.
 */
final class MeanFace {

    static final int FIRST = 17;

    private static final double[] X = {
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
        0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
        0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
        0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
        0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
        0.553364, 0.490127, 0.42689};
    private static final double[] Y = {
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
        0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
        0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
        0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
        0.784792, 0.824182, 0.831803, 0.824182};

    static final List<LandmarkSet.Point> POINTS = points();

    private MeanFace() {
    }

    /** The template's eye on the left of the picture (mean of landmarks 36-41). */
    static LandmarkSet.Point leftEye() {
        return centre(36, 42);
    }

    static LandmarkSet.Point rightEye() {
        return centre(42, 48);
    }

    private static LandmarkSet.Point centre(int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += X[i - FIRST];
            y += Y[i - FIRST];
        }
        return new LandmarkSet.Point(x / (to - from), y / (to - from));
    }

    private static List<LandmarkSet.Point> points() {
        List<LandmarkSet.Point> points = new ArrayList<>(X.length);
        for (int i = 0; i < X.length; i++) {
            points.add(new LandmarkSet.Point(X[i], Y[i]));
        }
        return List.copyOf(points);
    }
}
