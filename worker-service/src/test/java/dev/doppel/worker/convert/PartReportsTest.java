package dev.doppel.worker.convert;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PartReportsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void countsAddMeansWeighByFacesMeasuredAndFramesAreNumberedThroughTheWholeVideo() {
        JsonNode first = JSON.readTree("""
                {"summary":{"frames":12,"framesWithFaces":10,"facesFound":20,"facesSwapped":20,"facesMeasured":3,
                            "meanDistanceToTarget":0.4,"closerToTargetFraction":1.0},
                 "faces":[{"frame":0,"face":0},{"frame":11,"face":1}]}
                """);
        JsonNode faceless = JSON.readTree("""
                {"summary":{"frames":12,"framesWithFaces":0,"facesFound":0,"facesSwapped":0,"facesMeasured":0},"faces":[]}
                """);
        JsonNode last = JSON.readTree("""
                {"summary":{"frames":6,"framesWithFaces":6,"facesFound":6,"facesSwapped":5,"facesMeasured":1,
                            "meanDistanceToTarget":0.8,"closerToTargetFraction":0.0},
                 "faces":[{"frame":2,"face":0}]}
                """);

        JsonNode merged = PartReports.merge(List.of(first, faceless, last));

        JsonNode summary = merged.path("summary");
        assertThat(summary.path("frames").asLong()).isEqualTo(30);
        assertThat(summary.path("framesWithFaces").asLong()).isEqualTo(16);
        assertThat(summary.path("facesSwapped").asLong()).isEqualTo(25);
        assertThat(summary.path("facesMeasured").asLong()).isEqualTo(4);
        assertThat(summary.path("meanDistanceToTarget").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.path("closerToTargetFraction").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(summary.has("meanSharpness")).as("no part measured it").isFalse();
        assertThat(merged.path("faces")).extracting(face -> face.path("frame").asLong()).containsExactly(0L, 11L, 26L);
    }

    @Test
    void partsWithoutFacesGiveCountsAndNoMeans() {
        JsonNode faceless = JSON.readTree("""
                {"summary":{"frames":5,"framesWithFaces":0,"facesFound":0,"facesSwapped":0,"facesMeasured":0},"faces":[]}
                """);
        JsonNode summary = PartReports.merge(List.of(faceless, faceless)).path("summary");
        assertThat(summary.path("frames").asLong()).isEqualTo(10);
        assertThat(summary.path("facesSwapped").asLong()).isZero();
        assertThat(summary.has("meanDistanceToTarget")).isFalse();
    }
}
