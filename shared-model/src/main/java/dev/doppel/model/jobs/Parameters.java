package dev.doppel.model.jobs;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Reading a job's parameters the way every kind words its refusals: the parameter's name, what it
 * must be and what it was, so a 422 says what is valid.
 */
public final class Parameters {

    private Parameters() {
    }

    /** A required id. */
    public static UUID uuid(JsonNode parameters, String name, String what) {
        JsonNode value = parameters.get(name);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("Parameter '" + name + "' is required and must be " + what + ".");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be " + what + ", not '" + value.asString() + "'.");
        }
    }

    /** One of {@code allowed}, or {@code fallback} when absent; matched lower-cased when {@code lowerCase}. */
    public static String oneOf(JsonNode parameters, String name, String fallback, List<String> allowed, boolean lowerCase) {
        JsonNode value = parameters.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.isString() ? value.asString() : "";
        String normalised = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        if (!allowed.contains(normalised)) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be one of " + allowed + ", not '" + text + "'.");
        }
        return normalised;
    }

    /** A fraction of the face's size, 0 to 0.2. */
    public static double fraction(JsonNode parameters, String name, double fallback) {
        double value = parameters.path(name).asDouble(fallback);
        if (!(value >= 0 && value <= 0.2)) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be between 0 and 0.2 (a fraction of the face's size).");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; {@code meaning} ends the refusal, in brackets, where given. */
    public static int integer(JsonNode parameters, String name, int fallback, int min, int max, String meaning) {
        JsonNode value = parameters.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a whole number between " + min + " and " + max
                    + (meaning == null ? "" : " (" + meaning + ")") + ".");
        }
        return value.asInt();
    }
}
