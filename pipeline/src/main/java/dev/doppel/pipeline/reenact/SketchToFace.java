package dev.doppel.pipeline.reenact;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;

/**
 * A model of the reenactment family, whatever engine runs it: it learned one person's face from
 * drawings of its landmarks, and draws that person's face for any landmark sketch, which is how a
 * driver's expressions become the target's. Sketches and faces cross this boundary as
 * {@link FaceBatch}: N x 3 x R x R in [0, 1] ({@link LandmarkSketch} makes the sketches).
 */
public interface SketchToFace extends TrainableModel {

    /**
     * One generator step and one discriminator step on sketches and the faces they were drawn from,
     * pair by pair; {@code weights} (N x R x R) weigh each pixel's part in the L1 term.
     */
    NamedLosses trainStep(FaceBatch sketches, FaceBatch faces, float[] weights);

    /** The person's face for each sketch, deterministic (no dropout). */
    FaceBatch draw(FaceBatch sketches);
}
