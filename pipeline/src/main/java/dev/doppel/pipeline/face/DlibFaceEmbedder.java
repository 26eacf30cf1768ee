package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.doppel.pipeline.nn.FaceRecognitionNet;

/** face-api's port of dlib's face recognition ResNet on 150 px crops, all faces in one batch. */
public final class DlibFaceEmbedder implements FaceEmbedder {

    private static final int DIMENSIONS = 128;

    private final FaceRecognitionNet network;

    public DlibFaceEmbedder(FaceRecognitionNet network) {
        this.network = network;
    }

    /** Loads {@code face_recognition_model} from a face-api model folder. */
    public static DlibFaceEmbedder load(Path modelDir) throws IOException {
        return new DlibFaceEmbedder(FaceRecognitionNet.load(modelDir));
    }

    @Override
    public List<FaceEmbedding> embed(RgbImage image, List<FaceBox> crops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        List<FaceBox> pixels = FaceCrops.pixelCrops(image, crops);
        float[] out = network.predict(FaceCrops.batch(image, pixels, FaceRecognitionNet.INPUT_SIZE)).reshape(-1).toFloatVector();
        List<FaceEmbedding> embeddings = new ArrayList<>();
        for (int f = 0; f < pixels.size(); f++) {
            embeddings.add(new FaceEmbedding(Arrays.copyOfRange(out, f * DIMENSIONS, (f + 1) * DIMENSIONS)));
        }
        return embeddings;
    }
}
