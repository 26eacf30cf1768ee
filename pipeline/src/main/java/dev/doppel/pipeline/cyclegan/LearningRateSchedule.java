package dev.doppel.pipeline.cyclegan;

/**
 * The reference's "linear" policy (niter 100 + niter_decay 100 epochs): the base rate for the first
 * half of the run, then a straight line down to zero at its last iteration.
 */
final class LearningRateSchedule {

    private LearningRateSchedule() {
    }

    /** The rate for the step that takes the model from {@code iteration} to {@code iteration + 1}. */
    static double at(long iteration, long targetIterations, double base) {
        long constant = targetIterations / 2;
        if (iteration < constant) {
            return base;
        }
        long decaying = targetIterations - constant;
        return base * Math.max(0, (double) (targetIterations - iteration) / (decaying + 1));
    }
}
