package dev.doppel.model.extract;

import java.util.Locale;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import tools.jackson.databind.JsonNode;

/**
 * What an extract job may be asked, parsed the same way by the API (to refuse bad jobs before they
 * queue) and the worker (to run them). Defaults follow common practice: 256 px whole-face crops,
 * two frames a second from videos, faces under 40 px dropped as too small to train on.
 *
 * @param size                crop side in pixels, 64 to 512
 * @param coverage            FACE, WHOLE_FACE or HEAD
 * @param framesPerSecond     video frames sampled per second (ignored when everyNthFrame is set)
 * @param everyNthFrame       take every Nth video frame instead of a rate
 * @param minFaceSize         drop faces whose detected box is narrower (source pixels)
 * @param minBlur             drop crops whose variance of the Laplacian is lower (blurrier)
 * @param maxYawDegrees       drop faces turned further than this
 * @param maxIdentityDistance drop faces further than this from the face set's reference face (about 0.6 separates people)
 */
public record ExtractParameters(
        UUID faceSetId,
        int size,
        String coverage,
        double framesPerSecond,
        Integer everyNthFrame,
        double minFaceSize,
        double minBlur,
        double maxYawDegrees,
        Double maxIdentityDistance) {

    public static final int DEFAULT_SIZE = 256;

    public static final JobKind KIND = JobKind.of("extract");

    public static ExtractParameters parse(JsonNode parameters) {
        UUID faceSetId = uuid(parameters.get("faceSetId"));
        int size = parameters.path("size").asInt(DEFAULT_SIZE);
        if (size < 64 || size > 512) {
            throw new IllegalArgumentException("Parameter 'size' must be between 64 and 512.");
        }
        String coverage = parameters.path("coverage").asString("WHOLE_FACE").toUpperCase(Locale.ROOT).replace('-', '_');
        if (!coverage.equals("FACE") && !coverage.equals("WHOLE_FACE") && !coverage.equals("HEAD")) {
            throw new IllegalArgumentException("Parameter 'coverage' must be face, whole_face or head.");
        }
        double fps = parameters.path("framesPerSecond").asDouble(2.0);
        if (!(fps > 0 && fps <= 60)) {
            throw new IllegalArgumentException("Parameter 'framesPerSecond' must be above 0 and at most 60.");
        }
        Integer everyNth = parameters.has("everyNthFrame") ? parameters.get("everyNthFrame").asInt() : null;
        if (everyNth != null && everyNth < 1) {
            throw new IllegalArgumentException("Parameter 'everyNthFrame' must be at least 1.");
        }
        double minFaceSize = nonNegative(parameters, "minFaceSize", 40);
        double minBlur = nonNegative(parameters, "minBlur", 0);
        double maxYaw = parameters.path("maxYawDegrees").asDouble(90);
        if (!(maxYaw > 0 && maxYaw <= 90)) {
            throw new IllegalArgumentException("Parameter 'maxYawDegrees' must be above 0 and at most 90.");
        }
        Double maxIdentity = parameters.has("maxIdentityDistance") ? parameters.get("maxIdentityDistance").asDouble() : null;
        if (maxIdentity != null && !(maxIdentity > 0 && maxIdentity <= 2)) {
            throw new IllegalArgumentException("Parameter 'maxIdentityDistance' must be above 0 and at most 2.");
        }
        return new ExtractParameters(faceSetId, size, coverage, fps, everyNth, minFaceSize, minBlur, maxYaw, maxIdentity);
    }

    private static UUID uuid(JsonNode value) {
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("Parameter 'faceSetId' is required and must be an id.");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parameter 'faceSetId' must be an id, not '" + value.asString() + "'.");
        }
    }

    private static double nonNegative(JsonNode parameters, String name, double fallback) {
        double value = parameters.path(name).asDouble(fallback);
        if (!(value >= 0)) {
            throw new IllegalArgumentException("Parameter '" + name + "' must not be negative.");
        }
        return value;
    }
}
