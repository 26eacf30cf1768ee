package dev.doppel.model.families;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * An option of one architecture that a train job may set in its {@code options} object (SAEHD's
 * design and layer widths): either one of some words, or a whole number in a range. The API and the
 * worker parse it the same way; the console draws a field for it from the catalog.
 *
 * @param choices      the words it may be, the default first; empty for a number
 * @param min          the smallest number it may be (a number only)
 * @param max          the largest (a number only)
 * @param defaultValue a word of {@code choices}, or a number in range; for a number, null when the model derives it
 *                     from other options (SAEHD's mask width from its decoder's)
 */
public record ArchitectureOption(String name, String description, List<String> choices, Integer min, Integer max, Object defaultValue) {

    public ArchitectureOption {
        choices = List.copyOf(choices);
        boolean word = !choices.isEmpty();
        if (word ? !choices.contains(defaultValue) : min == null || max == null || min > max
                || defaultValue != null && !(defaultValue instanceof Integer value && min <= value && value <= max)) {
            throw new IllegalArgumentException("option " + name + " needs a default among its choices or in its range");
        }
    }

    /** A word option: one of {@code choices}, the first by default. */
    public static ArchitectureOption choice(String name, String description, List<String> choices) {
        return new ArchitectureOption(name, description, choices, null, null, choices.get(0));
    }

    /** A whole-number option in [min, max]. */
    public static ArchitectureOption number(String name, String description, int min, int max, int defaultValue) {
        return new ArchitectureOption(name, description, List.of(), min, max, defaultValue);
    }

    /** A whole-number option in [min, max] that the model derives from its other options unless a job sets it. */
    public static ArchitectureOption derived(String name, String description, int min, int max) {
        return new ArchitectureOption(name, description, List.of(), min, max, null);
    }

    /** The value asked for, checked: a word of the choices or a whole number in range. */
    public Object parse(JsonNode value) {
        String parameter = "options." + name;
        if (!choices.isEmpty()) {
            if (!value.isString() || !choices.contains(value.asString().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Parameter '" + parameter + "' must be one of " + String.join(", ", choices)
                        + ", not " + value + ".");
            }
            return value.asString().toLowerCase(Locale.ROOT);
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException("Parameter '" + parameter + "' must be a whole number from " + min + " to " + max
                    + ", not " + value + ".");
        }
        return value.asInt();
    }
}
