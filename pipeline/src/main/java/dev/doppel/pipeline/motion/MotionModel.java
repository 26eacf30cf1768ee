package dev.doppel.pipeline.motion;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;

/**
 * A model of the motion family (the first-order motion model, Siarohin et al. 2019), whatever
 * engine runs it: it finds keypoints with local affine Jacobians in a face, and redraws a source
 * face moved from its keypoints to a driver's, so one photo moves as a video does. It learns
 * without labels, from pairs of frames of the same clip. Frames cross this boundary as
 * {@link FaceBatch}: N x 3 x R x R in [0, 1].
 */
public interface MotionModel extends TrainableModel {

    /** One optimiser step on pairs of frames of one clip each: source i is moved to look like driving i. */
    NamedLosses trainStep(FaceBatch sources, FaceBatch drivings);

    /** The keypoints and Jacobians of each frame, deterministic. */
    Keypoints keypoints(FaceBatch frames);

    /** Each source frame moved from its keypoints to the driving ones, deterministic. */
    FaceBatch animate(FaceBatch sources, Keypoints source, Keypoints driving);
}
