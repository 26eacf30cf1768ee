package dev.doppel.pipeline.face;

/** One face out of a picture, with everything the later stages need. */
public record ExtractedFace(int faceIndex, DetectedFace detection, LandmarkSet landmarks, AlignedFace aligned,
        FaceEmbedding embedding, FaceQuality quality) {
}
