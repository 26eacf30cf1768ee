package dev.doppel.pipeline.face;

/** A face found and landmarked, before alignment: what video tracking smooths between frames. */
public record LocatedFace(DetectedFace detection, LandmarkSet landmarks) {

    public LocatedFace withLandmarks(LandmarkSet replacement) {
        return new LocatedFace(detection, replacement);
    }
}
