package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.ModelSettings;

/**
 * Options every swap model takes.
 *
 * @param resolution   64 (faceswap's "Original") or 128; each doubling adds one encoder and one decoder stage
 * @param widthScale   multiplies every channel count (1.0 is faceswap's Original: 82 M parameters at 64 px)
 * @param learningRate Adam's step size; 5e-5 is the field's default
 * @param seed         initial weights, for reproducible runs
 */
public record SwapModelOptions(int resolution, double widthScale, double learningRate, long seed) {

    public SwapModelOptions {
        if (resolution != 64 && resolution != 128) {
            throw new IllegalArgumentException("resolution must be 64 or 128");
        }
        if (!(widthScale > 0 && widthScale <= 2)) {
            throw new IllegalArgumentException("widthScale must be in (0, 2]");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive");
        }
    }

    public static SwapModelOptions of(ModelSettings settings) {
        return new SwapModelOptions(settings.resolution(), settings.widthScale(), settings.learningRate(), settings.seed());
    }

    public static SwapModelOptions original64() {
        return new SwapModelOptions(64, 1.0, 5e-5, 42);
    }
}
