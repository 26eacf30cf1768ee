package dev.doppel.standalone.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * GAN refinement as a user reaches it: a (tiny) Original trains, a second train job continues it
 * with {@code gan}, and that model reports generator and discriminator losses beside the
 * reconstruction, from the base model's iteration on, and converts like any other. What cannot be
 * refined or continued is refused up front with what is valid.
 */
class GanRefinementEndToEndIT {

    private static final List<String> REFINED_LOSSES = List.of("reconstructionA", "reconstructionB", "generatorA", "generatorB",
            "discriminatorA", "discriminatorB");

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void aTrainedModelIsContinuedWithAGanAndSwapsAPhoto() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "Refine");
        Map<String, Object> tiny = new HashMap<>(Map.of("faceSetA", people.faceSetA().toString(), "faceSetB", people.faceSetB().toString(),
                "widthScale", 0.125, "batchSize", 2, "iterations", 4, "checkpointEvery", 2));
        UUID baseId = submit(tiny);
        api.awaitState(baseId, "SUCCEEDED", Duration.ofMinutes(3));

        Map<String, Object> refine = new HashMap<>(tiny);
        refine.putAll(Map.of("continueFrom", baseId.toString(), "iterations", 8, "gan", Map.of()));
        ApiClient.Response refused = post(Map.of("continueFrom", baseId.toString(), "faceSetA", people.faceSetA().toString(),
                "faceSetB", people.faceSetB().toString(), "iterations", 8));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asString()).as("a model continues as it was built")
                .contains("widthScale 0.125").contains("at 64 and 1.0");
        ApiClient.Response backwards = post(new HashMap<>(Map.of("continueFrom", baseId.toString(), "faceSetA", people.faceSetA().toString(),
                "faceSetB", people.faceSetB().toString(), "widthScale", 0.125, "iterations", 4)));
        assertThat(backwards.json().path("detail").asString()).contains("has trained 4 already");
        ApiClient.Response onTorch = post(Map.of("faceSetA", people.faceSetA().toString(), "faceSetB", people.faceSetB().toString(),
                "engine", "pytorch", "gan", Map.of()));
        assertThat(onTorch.status()).isEqualTo(422);
        assertThat(onTorch.json().path("detail").asString()).isEqualTo(
                "Parameter 'gan' needs engine samediff for architecture 'original', not 'pytorch'.");

        UUID refinedId = submit(refine);
        JsonNode job = api.awaitState(refinedId, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(job.path("metrics").path("resumedFrom").asLong()).as("it starts where the base model stopped").isEqualTo(4);
        JsonNode model = api.get("/api/v1/models/" + refinedId).json();
        assertThat(model.path("iteration").asLong()).isEqualTo(8);
        JsonNode history = api.get("/api/v1/models/" + refinedId + "/losses").json();
        assertThat(history).extracting(point -> point.path("iteration").asLong()).containsExactly(6L, 8L);
        for (JsonNode point : history) {
            assertThat(point.path("losses").propertyNames()).as("in the catalog's order").containsExactlyElementsOf(REFINED_LOSSES);
            REFINED_LOSSES.forEach(name -> assertThat(point.path("losses").path(name).asDouble()).as(name).isFinite().isPositive());
        }
        double bestReconstruction = Double.MAX_VALUE;
        for (JsonNode point : history) {
            bestReconstruction = Math.min(bestReconstruction,
                    point.path("losses").path("reconstructionA").asDouble() + point.path("losses").path("reconstructionB").asDouble());
        }
        assertThat(model.path("bestLoss").asDouble()).as("the best-loss backup compares reconstruction, not the GAN's losses")
                .isCloseTo(bestReconstruction, within(1e-6));
        assertThat(api.get("/api/v1/models/" + baseId).json().path("iteration").asLong()).as("the base model is left as it was").isEqualTo(4);

        JsonNode architecture = api.get("/api/v1/architectures").json().get(0);
        assertThat(architecture.path("ganRefinement").path("engines").toString()).isEqualTo("[\"samediff\"]");

        ApiClient.Response ownMask = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", refinedId.toString(),
                "mediaId", people.photo().toString(), "mask", "predicted")));
        assertThat(ownMask.status()).isEqualTo(422);
        assertThat(ownMask.json().path("detail").asString()).isEqualTo("Parameter 'mask' is 'predicted', but a model of architecture"
                + " 'original' draws no mask; use 'landmarks', or a model of architecture saehd.");
        ApiClient.Response convert = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", refinedId.toString(),
                "mediaId", people.photo().toString(), "format", "jpeg")));
        assertThat(convert.status()).isEqualTo(202);
        JsonNode converted = api.awaitState(UUID.fromString(convert.json().path("id").asString()), "SUCCEEDED", Duration.ofMinutes(2));
        assertThat(converted.path("metrics").path("facesSwapped").asInt()).isEqualTo(3);
        assertThat(converted.path("metrics").path("meanSharpness").asDouble()).as("the quality report measures sharpness").isPositive();
        assertThat(converted.path("metrics").path("mask").asString()).as("a model without a learned mask").isEqualTo("landmarks");
    }

    private UUID submit(Map<String, Object> parameters) {
        ApiClient.Response submitted = post(parameters);
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private ApiClient.Response post(Map<String, Object> parameters) {
        return api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", parameters));
    }
}
