package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Turns faces into identity embeddings. */
public interface FaceEmbedder {

    /**
     * One embedding per crop, in the same order. Crops come from {@link LandmarkSet#recognitionCrop()}
     * for the model face-api ships.
     */
    List<FaceEmbedding> embed(RgbImage image, List<FaceBox> crops);
}
