package dev.doppel.pipeline.family;

/**
 * How a new model is built, whatever its architecture.
 *
 * @param resolution   face side in pixels
 * @param widthScale   multiplies every channel count (1.0 is the architecture's published size)
 * @param learningRate the optimiser's step size
 * @param seed         initial weights, for reproducible runs
 */
public record ModelSettings(int resolution, double widthScale, double learningRate, long seed) {
}
