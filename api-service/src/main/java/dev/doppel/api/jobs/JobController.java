package dev.doppel.api.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.PresignedDownloads;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobQuery;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobState;
import dev.doppel.model.storage.StorageKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Jobs", description = "Submit jobs, follow them and download what they made.")
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    record SubmitJob(@NotBlank String kind, @NotNull JsonNode parameters) {
    }

    record JobPage(List<JobView> items, String nextCursor) {
    }

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final JobSubmissions submissions;
    private final JobTypes types;
    private final JobLedger ledger;
    private final JobEvents events;
    private final PresignedDownloads downloads;
    private final AuditLog audit;
    private final JsonMapper json;

    JobController(JobSubmissions submissions, JobTypes types, JobLedger ledger, JobEvents events, PresignedDownloads downloads, AuditLog audit,
            JsonMapper json) {
        this.submissions = submissions;
        this.types = types;
        this.ledger = ledger;
        this.events = events;
        this.downloads = downloads;
        this.audit = audit;
        this.json = json;
    }

    @Operation(operationId = "submitJob", summary = "Submit a job", description = "Queues a job of a kind (GET /api/v1/job-kinds) with its parameters;"
            + " answers 202 with the job and Location. An Idempotency-Key makes a retry return the same job.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
                        @ExampleObject(name = "extract", summary = "Find and align every face of a face set's uploads",
                                value = "{\"kind\":\"extract\",\"parameters\":{\"faceSetId\":\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\"}}"),
                        @ExampleObject(name = "train", summary = "Train faceswap's Original on two face sets",
                                value = "{\"kind\":\"train\",\"parameters\":{\"faceSetA\":\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\","
                                        + "\"faceSetB\":\"7d3c2b1a-1e4f-4a5b-8c6d-9e0f1a2b3c4d\",\"iterations\":20000}}"),
                        @ExampleObject(name = "refine", summary = "Continue a trained model with GAN refinement",
                                value = "{\"kind\":\"train\",\"parameters\":{\"faceSetA\":\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\","
                                        + "\"faceSetB\":\"7d3c2b1a-1e4f-4a5b-8c6d-9e0f1a2b3c4d\",\"continueFrom\":\"5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b\","
                                        + "\"iterations\":30000,\"gan\":{\"power\":0.1}}}"),
                        @ExampleObject(name = "convert", summary = "Swap the faces of an upload with a trained model",
                                value = "{\"kind\":\"convert\",\"parameters\":{\"modelId\":\"5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b\","
                                        + "\"mediaId\":\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\",\"direction\":\"AtoB\"}}"),
                        @ExampleObject(name = "trainReenactment", summary = "Train pix2pix on the person a reenactment will drive",
                                value = "{\"kind\":\"train\",\"parameters\":{\"architecture\":\"pix2pix\","
                                        + "\"faceSetTarget\":\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\",\"iterations\":20000}}"),
                        @ExampleObject(name = "reenact", summary = "Drive a reenactment model's person with another video's expressions",
                                value = "{\"kind\":\"reenact\",\"parameters\":{\"modelId\":\"5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b\","
                                        + "\"drivingMediaId\":\"3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9\","
                                        + "\"targetMediaId\":\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\"}}"),
                        @ExampleObject(name = "animate", summary = "Make a photo move with a driving video, warped over its landmarks",
                                value = "{\"kind\":\"animate\",\"parameters\":{\"photoMediaId\":\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\","
                                        + "\"drivingMediaId\":\"3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9\",\"method\":\"warp\"}}"),
                        @ExampleObject(name = "trainMotion", summary = "Train a first-order motion model on a face set of videos",
                                value = "{\"kind\":\"train\",\"parameters\":{\"architecture\":\"fomm\","
                                        + "\"faceSetVideos\":\"7d3c2b1a-1e4f-4a5b-8c6d-9e0f1a2b3c4d\",\"iterations\":20000}}"),
                        @ExampleObject(name = "pretrain", summary = "Pretrain an SAEHD base on many people's face sets",
                                value = "{\"kind\":\"train\",\"parameters\":{\"architecture\":\"saehd\",\"pretrain\":true,"
                                        + "\"faceSets\":[\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\",\"7d3c2b1a-1e4f-4a5b-8c6d-9e0f1a2b3c4d\"],"
                                        + "\"resolution\":128,\"options\":{\"design\":\"liae-ud\"},\"iterations\":100000}}"),
                        @ExampleObject(name = "fineTune", summary = "Train a pair's SAEHD model from a pretrained base",
                                value = "{\"kind\":\"train\",\"parameters\":{\"architecture\":\"saehd\","
                                        + "\"faceSetA\":\"0b6f1a52-5d2e-4f0e-9a51-3f1f6c0c2a11\",\"faceSetB\":\"7d3c2b1a-1e4f-4a5b-8c6d-9e0f1a2b3c4d\","
                                        + "\"baseModel\":\"5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b\",\"resolution\":128,"
                                        + "\"options\":{\"design\":\"liae-ud\"},\"iterations\":50000}}")})))
    @Problems({"invalid-job-kind", "invalid-job-parameters", "idempotency-key-reused", "quota-active-jobs", "quota-submission-rate"})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> submit(Caller caller, @Valid @RequestBody SubmitJob request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        JobType<?> type = types.get(request.kind());
        if (!request.parameters().isObject()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "parameters must be a JSON object.");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters.");
        }
        JobSubmissions.Submitted submitted = submissions.submit(caller, type, request.parameters(), idempotencyKey);
        JobRecord job = find(caller, submitted.jobId());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(JobView.of(job, json));
    }

    @Operation(operationId = "getJob", summary = "Get a job", description = "The job's kind, route, state, stage, progress, ETA, attempt, metrics, error (as a problem) and result files.")
    @Problems({"job-not-found"})
    @GetMapping("/{id}")
    ResponseEntity<JobView> get(Caller caller, @PathVariable UUID id) {
        JobRecord job = find(caller, id);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!job.state().isFinished()) {
            response.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return response.body(JobView.of(job, json));
    }

    @Operation(operationId = "listJobs", summary = "List jobs, newest first", description = "The tenant's jobs, newest first, filtered by kind and state; pass nextCursor back as cursor for the next page.")
    @Problems({"invalid-cursor"})
    @GetMapping
    JobPage list(Caller caller, @RequestParam(required = false) String kind, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 100) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "limit must be between 1 and 100.");
        }
        JobQuery query = new JobQuery(caller.tenantId(), kind == null ? null : parseKind(kind), state == null ? null : parseState(state),
                cursor == null ? null : JobCursor.decode(cursor), limit);
        List<JobRecord> jobs = ledger.list(query);
        String next = jobs.size() < limit ? null : JobCursor.encode(jobs.get(jobs.size() - 1).createdAt(), jobs.get(jobs.size() - 1).id());
        return new JobPage(jobs.stream().map(job -> JobView.of(job, json)).toList(), next);
    }

    @Operation(operationId = "cancelJob", summary = "Cancel a job", description = "A queued job is cancelled at once (200); a running one stops at its next safe point (202), a train job after a last checkpoint.")
    @Problems({"job-not-found", "job-not-cancellable"})
    @PostMapping("/{id}/cancel")
    ResponseEntity<JobView> cancel(Caller caller, @PathVariable UUID id) {
        return switch (submissions.cancel(caller, id)) {
            case CANCELLED -> ResponseEntity.ok(JobView.of(find(caller, id), json));
            case CANCEL_REQUESTED -> ResponseEntity.accepted().body(JobView.of(find(caller, id), json));
            case ALREADY_FINISHED -> throw new ApiProblem(HttpStatus.CONFLICT, "job-not-cancellable", "Job not cancellable",
                    "Job " + id + " has already finished as " + find(caller, id).state() + ".");
            case NOT_FOUND -> throw ApiProblem.notFound("job", id);
        };
    }

    @Operation(operationId = "followJob", summary = "Follow a job as Server-Sent Events", description = "Server-Sent Events (event: job) with the job as JSON each time it changes, until it ends; the stream ends too if the key is revoked.")
    @Problems({"job-not-found"})
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Caller caller, @PathVariable UUID id) {
        return events.stream(find(caller, id), caller.apiKeyId());
    }

    /** Downloads go through here (and into the audit log), then on to a short-lived presigned URL. */
    @Operation(operationId = "downloadResult", summary = "Download a result file", description = "Audited, then a 303 to a presigned URL of the file, valid for doppel.storage.presign-ttl.", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "303", description = "See Other: a short-lived presigned URL of the file", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "Where the file is, for a few minutes", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @Problems({"job-not-found", "result-not-available", "result-deleted", "result-file-not-found"})
    @GetMapping("/{id}/result/{name}")
    ResponseEntity<Void> download(Caller caller, @PathVariable UUID id, @PathVariable String name) {
        JobRecord job = find(caller, id);
        if (job.state() == JobState.SUCCEEDED && job.resultJson() == null) {
            throw new ApiProblem(HttpStatus.GONE, "result-deleted", "Result deleted",
                    "Job " + id + "'s results were deleted, with what they were made from or on request.");
        }
        if (job.state() != JobState.SUCCEEDED || job.resultJson() == null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "result-not-available", "Result not available",
                    "Job " + id + " has no result: it is " + job.state() + ".");
        }
        for (JsonNode file : json.readTree(job.resultJson()).path("files")) {
            if (file.path("name").asString().equals(name)) {
                return redirect(caller, job, file.path("key").asString(), name, "job.result-downloaded");
            }
        }
        throw new ApiProblem(HttpStatus.NOT_FOUND, "result-file-not-found", "Result file not found",
                "Job " + id + " has no result file named '" + name + "'.");
    }

    @Operation(operationId = "downloadJobPreview", summary = "Download a job preview", description = "A 303 to the job's latest preview image (a train job's preview grid).", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "303", description = "See Other: a short-lived presigned URL of the file", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "Where the file is, for a few minutes", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @Problems({"job-not-found", "preview-not-found"})
    @GetMapping("/{id}/previews/{name}")
    ResponseEntity<Void> preview(Caller caller, @PathVariable UUID id, @PathVariable String name) {
        JobRecord job = find(caller, id);
        for (JsonNode preview : json.readTree(job.previewsJson())) {
            if (preview.asString().equals(name)) {
                return redirect(caller, job, StorageKeys.jobPreview(job.tenantId(), id, name), name, "job.preview-downloaded");
            }
        }
        throw new ApiProblem(HttpStatus.NOT_FOUND, "preview-not-found", "Preview not found",
                "Job " + id + " has no preview named '" + name + "'.");
    }

    private ResponseEntity<Void> redirect(Caller caller, JobRecord job, String key, String name, String auditAction) {
        audit.record(caller, auditAction, "job", job.id(), Map.of("file", name));
        return downloads.redirect(key, name);
    }

    private JobRecord find(Caller caller, UUID id) {
        return ledger.find(caller.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("job", id));
    }

    private JobKind parseKind(String kind) {
        if (types.all().stream().noneMatch(type -> type.kind().name().equals(kind))) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "kind must be one of "
                    + String.join(", ", types.all().stream().map(type -> type.kind().name()).toList()) + ".");
        }
        return JobKind.of(kind);
    }

    private static JobState parseState(String state) {
        try {
            return JobState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "state must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED.");
        }
    }
}
