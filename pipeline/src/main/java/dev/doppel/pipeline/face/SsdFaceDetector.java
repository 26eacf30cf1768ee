package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.nn.SsdMobileNetV1;

/**
 * face-api's SSD-MobileNetV1 face detector: the photo padded at its end to a square and resized
 * to 512 px, scored per prior box, decoded and thinned by non-maximum suppression.
 */
public final class SsdFaceDetector implements FaceDetector {

    // face-api's defaults (SsdMobilenetv1Options, locateFaces).
    public static final double DEFAULT_MIN_SCORE = 0.5;
    private static final double IOU_THRESHOLD = 0.5;
    private static final int MAX_RESULTS = 100;

    private final SsdMobileNetV1 network;
    private final PriorBoxes priors;
    private final double minScore;

    public SsdFaceDetector(SsdMobileNetV1 network, double minScore) {
        this.network = network;
        this.priors = new PriorBoxes(network.priorBoxes());
        this.minScore = minScore;
    }

    /** Loads {@code ssd_mobilenetv1_model} from a face-api model folder. */
    public static SsdFaceDetector load(Path modelDir) throws IOException {
        return new SsdFaceDetector(SsdMobileNetV1.load(modelDir), DEFAULT_MIN_SCORE);
    }

    @Override
    public List<DetectedFace> detect(RgbImage image) {
        return detectAll(List.of(image)).get(0);
    }

    /** The pictures in one batch: about half a lone picture's time each, four at a time on two cores. */
    @Override
    public List<List<DetectedFace>> detectAll(List<RgbImage> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        int size = SsdMobileNetV1.INPUT_SIZE;
        int plane = size * size * 3;
        float[] input = new float[images.size() * plane];
        for (int n = 0; n < images.size(); n++) {
            RgbImage image = images.get(n);
            SquareInput.sample(image, new FaceBox(0, 0, image.width(), image.height()), false, size, input, n * plane);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1;
        }
        Map<String, INDArray> out = network.predict(Nd4j.create(input, new long[] {images.size(), size, size, 3}, 'c'));
        float[] encodings = out.get("boxEncodings").reshape(-1).toFloatVector();
        float[] logits = out.get("classLogits").reshape(-1).toFloatVector();
        List<List<DetectedFace>> all = new ArrayList<>();
        for (int n = 0; n < images.size(); n++) {
            all.add(decode(images.get(n), encodings, logits, n * priors.count()));
        }
        return all;
    }

    /** The faces of one picture from its predictions, which start at prior {@code first} of the batch's. */
    private List<DetectedFace> decode(RgbImage image, float[] encodings, float[] logits, int first) {
        int size = SsdMobileNetV1.INPUT_SIZE;
        int count = priors.count();
        float[][] boxes = new float[count][];
        float[] scores = new float[count];
        float[] own = new float[4 * count];
        System.arraycopy(encodings, 4 * first, own, 0, own.length);
        for (int i = 0; i < count; i++) {
            boxes[i] = priors.decode(own, i);
            scores[i] = (float) (1 / (1 + Math.exp(-logits[3 * (first + i) + 1])));
        }

        // The network saw the photo scaled so its long side is 512 px (rounded, as face-api does);
        // relative coordinates past that are padding.
        double scale = (double) size / Math.max(image.width(), image.height());
        double stretchX = size / (double) Math.round(image.width() * scale);
        double stretchY = size / (double) Math.round(image.height() * scale);
        List<DetectedFace> faces = new ArrayList<>();
        for (int i : NonMaxSuppression.select(boxes, scores, MAX_RESULTS, IOU_THRESHOLD, minScore)) {
            float[] b = boxes[i];
            double top = Math.max(0, b[0]) * stretchY * image.height();
            double bottom = Math.min(1, b[2]) * stretchY * image.height();
            double left = Math.max(0, b[1]) * stretchX * image.width();
            double right = Math.min(1, b[3]) * stretchX * image.width();
            faces.add(new DetectedFace(new FaceBox(left, top, right - left, bottom - top), scores[i]));
        }
        return faces;
    }
}
