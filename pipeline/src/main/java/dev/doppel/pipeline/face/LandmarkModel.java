package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Places facial landmarks on faces already found. */
public interface LandmarkModel {

    /** One landmark set per face box, in the same order, in image pixels. */
    List<LandmarkSet> landmarks(RgbImage image, List<FaceBox> faces);

    /** {@link #landmarks} for the faces of several pictures, {@code faces.get(i)} in {@code images.get(i)}. */
    default List<List<LandmarkSet>> landmarksAll(List<RgbImage> images, List<List<FaceBox>> faces) {
        List<List<LandmarkSet>> all = new java.util.ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            all.add(landmarks(images.get(i), faces.get(i)));
        }
        return all;
    }
}
