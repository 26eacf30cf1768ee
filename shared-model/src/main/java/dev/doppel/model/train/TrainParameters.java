package dev.doppel.model.train;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What a train job may be asked, parsed the same way by the API and the worker. Defaults are the
 * field's: faceswap's "Original" at 64 px and full width, batch 16, Adam at 5e-5, a checkpoint with
 * a preview every 250 iterations.
 */
public record TrainParameters(
        UUID faceSetA,
        UUID faceSetB,
        String architecture,
        int resolution,
        double widthScale,
        int batchSize,
        long iterations,
        int checkpointEvery,
        double learningRate) {

    public static TrainParameters parse(JsonNode parameters) {
        UUID a = uuid(parameters, "faceSetA");
        UUID b = uuid(parameters, "faceSetB");
        if (a.equals(b)) {
            throw new IllegalArgumentException("Parameters 'faceSetA' and 'faceSetB' must be two different face sets.");
        }
        String architecture = parameters.path("architecture").asString("original");
        if (!architecture.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Parameter 'architecture' must be a model name such as 'original'.");
        }
        int resolution = parameters.path("resolution").asInt(64);
        if (resolution != 64 && resolution != 128) {
            throw new IllegalArgumentException("Parameter 'resolution' must be 64 or 128.");
        }
        double widthScale = parameters.path("widthScale").asDouble(1.0);
        if (!(widthScale > 0 && widthScale <= 2)) {
            throw new IllegalArgumentException("Parameter 'widthScale' must be above 0 and at most 2.");
        }
        int batchSize = parameters.path("batchSize").asInt(16);
        if (batchSize < 1 || batchSize > 64) {
            throw new IllegalArgumentException("Parameter 'batchSize' must be between 1 and 64.");
        }
        long iterations = parameters.path("iterations").asLong(20_000);
        if (iterations < 1 || iterations > 10_000_000) {
            throw new IllegalArgumentException("Parameter 'iterations' must be between 1 and 10000000.");
        }
        int checkpointEvery = parameters.path("checkpointEvery").asInt(250);
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("Parameter 'checkpointEvery' must be at least 1.");
        }
        double learningRate = parameters.path("learningRate").asDouble(5e-5);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("Parameter 'learningRate' must be above 0 and below 1.");
        }
        return new TrainParameters(a, b, architecture, resolution, widthScale, batchSize, iterations, checkpointEvery, learningRate);
    }

    private static UUID uuid(JsonNode parameters, String name) {
        JsonNode value = parameters.get(name);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("Parameter '" + name + "' is required and must be a face set id.");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a face set id, not '" + value.asString() + "'.");
        }
    }
}
