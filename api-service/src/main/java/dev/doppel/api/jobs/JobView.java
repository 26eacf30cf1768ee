package dev.doppel.api.jobs;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.model.jobs.JobRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job as clients see it: no lease owners, no object keys; results are links to the API.
 * {@code dataDeletedAt}: when what the job made and measured was deleted (with its face set, or on
 * request, or by retention); the job itself stays in the list.
 */
record JobView(
        UUID id,
        String kind,
        String route,
        String state,
        String stage,
        double progress,
        Long etaSeconds,
        int attempt,
        int maxAttempts,
        boolean cancelRequested,
        JsonNode parameters,
        JsonNode metrics,
        List<Map<String, Object>> previews,
        Map<String, Object> error,
        Map<String, Object> result,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        Instant dataDeletedAt,
        Map<String, String> links) {

    static JobView of(JobRecord job, JsonMapper json) {
        String self = "/api/v1/jobs/" + job.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("events", self + "/events");
        if (!job.state().isFinished()) {
            links.put("cancel", self + "/cancel");
        }
        return new JobView(job.id(), job.kind().name(), job.route().key(), job.state().name(), job.stage(), job.progress(),
                job.etaSeconds(), job.attempt(), job.maxAttempts(), job.cancelRequested(),
                json.readTree(job.parametersJson()), json.readTree(job.metricsJson()), previews(job, json, self),
                error(job), result(job, json, self), job.createdAt(), job.startedAt(), job.finishedAt(), job.updatedAt(), job.dataDeletedAt(), links);
    }

    private static Map<String, Object> error(JobRecord job) {
        if (job.errorType() == null) {
            return null;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        URI type = ApiProblem.typeUri("jobs/" + job.errorType());
        problem.put("type", type.toString());
        problem.put("title", titleOf(job.errorType()));
        problem.put("detail", job.errorDetail());
        return problem;
    }

    private static List<Map<String, Object>> previews(JobRecord job, JsonMapper json, String self) {
        List<Map<String, Object>> previews = new ArrayList<>();
        for (JsonNode name : json.readTree(job.previewsJson())) {
            previews.add(Map.of("name", name.asString(), "download", self + "/previews/" + name.asString()));
        }
        return previews;
    }

    private static Map<String, Object> result(JobRecord job, JsonMapper json, String self) {
        if (job.resultJson() == null) {
            return null;
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (JsonNode file : json.readTree(job.resultJson()).path("files")) {
            String name = file.path("name").asString();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", name);
            view.put("contentType", file.path("contentType").asString());
            view.put("bytes", file.path("bytes").asLong());
            view.put("download", self + "/result/" + name);
            files.add(view);
        }
        return Map.of("files", files);
    }

    private static String titleOf(String errorType) {
        String words = errorType.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
