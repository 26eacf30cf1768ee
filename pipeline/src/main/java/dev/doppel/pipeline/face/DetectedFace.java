package dev.doppel.pipeline.face;

/** A face a detector found: where, in image pixels, and how sure it is (0..1). */
public record DetectedFace(FaceBox box, double score) {
}
