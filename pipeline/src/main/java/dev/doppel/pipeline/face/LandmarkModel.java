package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Places facial landmarks on faces already found. */
public interface LandmarkModel {

    /** One landmark set per face box, in the same order, in image pixels. */
    List<LandmarkSet> landmarks(RgbImage image, List<FaceBox> faces);
}
