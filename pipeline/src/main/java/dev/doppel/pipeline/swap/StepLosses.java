package dev.doppel.pipeline.swap;

/** The reconstruction losses of one step of a swap model, per identity (weighted DSSIM + MAE). */
public record StepLosses(long iteration, double lossA, double lossB) {
}
