package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Finds faces in a picture. */
public interface FaceDetector {

    /** The faces found, most confident first. */
    List<DetectedFace> detect(RgbImage image);
}
