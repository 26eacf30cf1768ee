package dev.doppel.worker.convert;

import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.pipeline.media.VideoRewrite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One part of a long video's conversion, as its parent job submits it: the parent's own parameters
 * (so a deletion of the upload or model finds the part as it finds the parent) and which window of
 * frames this part converts. Only workers write these; the API has no such kind to submit.
 *
 * @param part   0-based, in the video's order
 * @param window the frames this part swaps, and the warm-up it decodes before them
 */
record ConvertPartParameters(ConvertParameters convert, UUID parentJob, int part, int parts, VideoRewrite.Window window) {

    static final JobKind KIND = JobKind.of("convert-part");

    static ConvertPartParameters parse(JsonNode parameters) {
        ConvertParameters convert = ConvertParameters.parse(parameters);
        JsonNode parent = parameters.path("parentJob");
        if (!parent.isString()) {
            throw new IllegalArgumentException("a convert part names its parent job");
        }
        int part = parameters.path("part").asInt(-1);
        int parts = parameters.path("parts").asInt(0);
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("a convert part is one of its parent's parts, not " + part + " of " + parts);
        }
        VideoRewrite.Window window = new VideoRewrite.Window(parameters.path("warmUpMicros").asLong(), parameters.path("startMicros").asLong(),
                parameters.path("endMicros").asLong());
        return new ConvertPartParameters(convert, UUID.fromString(parent.asString()), part, parts, window);
    }

    /** The part's parameters: the parent's as they were submitted, and the part's place. */
    static ObjectNode of(JsonNode parentParameters, UUID parentJob, int part, int parts, VideoRewrite.Window window) {
        ObjectNode node = ((ObjectNode) parentParameters).deepCopy();
        node.put("parentJob", parentJob.toString());
        node.put("part", part);
        node.put("parts", parts);
        node.put("warmUpMicros", window.warmUpMicros());
        node.put("startMicros", window.startMicros());
        node.put("endMicros", window.endMicros());
        return node;
    }
}
