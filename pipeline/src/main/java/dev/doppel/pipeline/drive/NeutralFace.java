package dev.doppel.pipeline.drive;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.LoopedFrames;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.StageTimes;

/**
 * The driver's face whose expression counts as "no change": its first face at or after the frame
 * asked for. Motion is the driver's change from it, so a driver who smiles throughout moves nothing.
 */
public record NeutralFace(long frameIndex, RgbImage frame, LandmarkSet landmarks) {

    /**
     * @throws NoNeutralFrame when the driver ends before {@code neutralFrame}
     * @throws NoFace         when no face shows from there on
     */
    public static NeutralFace find(Path driver, int neutralFrame, FaceExtractor extractor, StageTimes times, Cancellation cancellation)
            throws IOException {
        try (LoopedFrames frames = new LoopedFrames(driver)) {
            for (long index = 0; frames.length() < 0; index++) {
                cancellation.throwIfStopped();
                BufferedImage frame = frames.next();
                if (frames.length() >= 0) {
                    break;
                }
                if (index >= neutralFrame) {
                    RgbImage rgb = RgbImage.of(frame);
                    List<LocatedFace> located = extractor.locate(rgb, times);
                    if (!located.isEmpty()) {
                        return new NeutralFace(index, rgb, located.get(0).landmarks());
                    }
                }
            }
            if (neutralFrame >= frames.length()) {
                throw new NoNeutralFrame("The driving video has " + frames.length() + " frames, so it has no frame " + neutralFrame
                        + " to take as neutral; neutralFrame counts from 0.");
            }
            throw new NoFace("No face was found in the driving video" + (neutralFrame > 0 ? " from frame " + neutralFrame + " on." : "."));
        }
    }
}
