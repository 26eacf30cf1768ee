package dev.doppel.worker.convert;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.doppel.pipeline.convert.QualityReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quality report of a video converted in parts, from the parts' own: counts added, means
 * weighted by the faces each part measured, faces listed in the video's order with the frame
 * numbers of the whole video (each part numbers its frames from its own first).
 */
final class PartReports {

    private static final List<String> COUNTS = List.of("frames", "framesWithFaces", "facesFound", "facesSwapped", "facesMeasured");
    private static final List<String> MEANS = List.of("meanDistanceToTarget", "meanInputDistanceToTarget", "meanDistanceToSource",
            "meanLandmarkDrift", "closerToTargetFraction", "meanSharpness", "meanInputSharpness");

    private PartReports() {
    }

    /** @param reports each part's {@code report.json}, in the video's order */
    static ObjectNode merge(List<JsonNode> reports) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Double> weighted = new TreeMap<>();
        ArrayNode faces = nodes.arrayNode();
        long frameOffset = 0;
        for (JsonNode report : reports) {
            JsonNode summary = report.path("summary");
            COUNTS.forEach(count -> counts.merge(count, summary.path(count).asLong(0), Long::sum));
            long measured = summary.path("facesMeasured").asLong(0);
            for (String mean : MEANS) {
                if (summary.path(mean).isNumber()) {
                    weighted.merge(mean, summary.path(mean).asDouble() * measured, Double::sum);
                }
            }
            for (JsonNode face : report.path("faces")) {
                if (faces.size() < QualityReport.MAX_LISTED) {
                    ObjectNode renumbered = ((ObjectNode) face).deepCopy();
                    renumbered.put("frame", face.path("frame").asLong() + frameOffset);
                    faces.add(renumbered);
                }
            }
            frameOffset += summary.path("frames").asLong(0);
        }
        ObjectNode summary = nodes.objectNode();
        COUNTS.forEach(count -> summary.put(count, counts.getOrDefault(count, 0L)));
        long measured = counts.getOrDefault("facesMeasured", 0L);
        if (measured > 0) {
            MEANS.stream().filter(weighted::containsKey)
                    .forEach(mean -> summary.put(mean, Math.round(weighted.get(mean) / measured * 1e4) / 1e4));
        }
        ObjectNode document = nodes.objectNode();
        document.set("summary", summary);
        document.set("faces", faces);
        return document;
    }
}
