package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Finds faces in a picture. */
public interface FaceDetector {

    /** The faces found, most confident first. */
    List<DetectedFace> detect(RgbImage image);

    /** The faces of each picture, as {@link #detect} finds them; a network that runs faster on a batch overrides this. */
    default List<List<DetectedFace>> detectAll(List<RgbImage> images) {
        return images.stream().map(this::detect).toList();
    }
}
