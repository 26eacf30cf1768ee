package dev.doppel.pipeline.family;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a new model is built, whatever its architecture.
 *
 * @param resolution   face side in pixels
 * @param widthScale   multiplies every channel count (1.0 is the architecture's published size)
 * @param learningRate the optimiser's step size
 * @param seed         initial weights, for reproducible runs
 * @param options      the architecture's own options by name (as its catalog entry declares them): text or whole numbers
 */
public record ModelSettings(int resolution, double widthScale, double learningRate, long seed, Map<String, Object> options) {

    public ModelSettings {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public ModelSettings(int resolution, double widthScale, double learningRate, long seed) {
        this(resolution, widthScale, learningRate, seed, Map.of());
    }

    /** A text option, or {@code fallback} when the settings do not name it. */
    public String option(String name, String fallback) {
        Object value = options.get(name);
        return value == null ? fallback : value.toString();
    }

    /** A whole-number option, or {@code fallback} when the settings do not name it. */
    public int option(String name, int fallback) {
        Object value = options.get(name);
        return value == null ? fallback : value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString());
    }
}
