package dev.doppel.pipeline.swap;

/** The reconstruction losses of one step, per identity (weighted DSSIM + MAE). */
public record StepLosses(long iteration, double lossA, double lossB) {
}
