package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.List;

/** Receives the faces of each sampled video frame, in decoding order. */
@FunctionalInterface
public interface FrameFaces {

    void accept(long frameIndex, long timestampMillis, RgbImage frame, List<ExtractedFace> faces) throws Exception;
}
