package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of face crops for face-api's landmark and recognition nets: each box cut from the image
 * in whole pixels, padded to a centred square, resized, and normalised by the channel means of
 * the nets' training data.
 */
final class FaceCrops {

    // RGB means face-api subtracts before dividing by 255.
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private FaceCrops() {
    }

    static INDArray batch(RgbImage image, List<FaceBox> crops, int size) {
        int perFace = size * size * 3;
        float[] input = new float[crops.size() * perFace];
        for (int f = 0; f < crops.size(); f++) {
            SquareInput.sample(image, crops.get(f), true, size, input, f * perFace);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = (input[i] - MEAN_RGB[i % 3]) / 255;
        }
        return Nd4j.create(input, new long[] {crops.size(), size, size, 3}, 'c');
    }

    static List<FaceBox> pixelCrops(RgbImage image, List<FaceBox> faces) {
        return faces.stream().map(b -> b.pixelCrop(image.width(), image.height())).toList();
    }
}
