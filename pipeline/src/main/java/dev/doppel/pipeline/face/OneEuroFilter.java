package dev.doppel.pipeline.face;

/**
 * The 1€ filter (Casiez, Roussel and Vogel, "1€ Filter: A Simple Speed-based Low-pass Filter for
 * Noisy Input in Interactive Systems", CHI 2012): an exponential smoother whose cutoff rises with
 * the signal's speed, so a still face stops jittering and a moving one does not lag.
 */
final class OneEuroFilter {

    private final double minCutoff;
    private final double beta;
    private final double derivativeCutoff;
    private double value;
    private double derivative;
    private double lastSeconds = Double.NaN;

    OneEuroFilter(double minCutoff, double beta, double derivativeCutoff) {
        this.minCutoff = minCutoff;
        this.beta = beta;
        this.derivativeCutoff = derivativeCutoff;
    }

    double filter(double raw, double seconds) {
        if (Double.isNaN(lastSeconds) || seconds <= lastSeconds) {
            value = raw;
            derivative = 0;
            lastSeconds = seconds;
            return raw;
        }
        double dt = seconds - lastSeconds;
        lastSeconds = seconds;
        derivative += alpha(derivativeCutoff, dt) * ((raw - value) / dt - derivative);
        value += alpha(minCutoff + beta * Math.abs(derivative), dt) * (raw - value);
        return value;
    }

    private static double alpha(double cutoff, double dt) {
        double tau = 1 / (2 * Math.PI * cutoff);
        return 1 / (1 + tau / dt);
    }
}
