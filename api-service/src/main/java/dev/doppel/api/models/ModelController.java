package dev.doppel.api.models;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.PresignedDownloads;
import dev.doppel.api.tenancy.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Models")
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    /**
     * {@code faceSets}: the face set of each role ({@code A}, {@code B}; a pretrain job's {@code pretrain-1}, ...);
     * {@code losses}: the latest named losses; {@code baseModel}: where its first weights came from (the model's id,
     * architecture, iteration and the parts copied), or null for a model trained from scratch.
     */
    record ModelView(UUID id, String architecture, String engine, Map<String, UUID> faceSets, JsonNode options, long iteration,
            JsonNode losses, Double bestLoss, Double egsPerSecond, JsonNode baseModel, Instant createdAt, Instant updatedAt,
            Map<String, String> links) {

        static ModelView of(Models.Model model) {
            String self = "/api/v1/models/" + model.id();
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", self);
            links.put("job", "/api/v1/jobs/" + model.id());
            links.put("losses", self + "/losses");
            if (model.previewKey() != null) {
                links.put("preview", self + "/preview");
            }
            if (model.checkpointKey() != null) {
                links.put("checkpoint", self + "/checkpoint");
            }
            if (model.bestCheckpointKey() != null) {
                links.put("bestCheckpoint", self + "/checkpoint?which=best");
            }
            return new ModelView(model.id(), model.architecture(), model.engine(), model.faceSets(), model.options(),
                    model.iteration(), model.losses(), model.bestLoss(), model.egsPerSecond(), model.baseModel(), model.createdAt(), model.updatedAt(), links);
        }
    }

    private final Models models;
    private final PresignedDownloads downloads;
    private final AuditLog audit;

    ModelController(Models models, PresignedDownloads downloads, AuditLog audit) {
        this.models = models;
        this.downloads = downloads;
        this.audit = audit;
    }

    @Operation(operationId = "listModels", summary = "List models", description = "Models, one per train job and readable while it trains: architecture, engine, face sets by role, iteration, latest losses, speed.")
    @GetMapping
    List<ModelView> list(Caller caller) {
        return models.list(caller).stream().map(ModelView::of).toList();
    }

    @Operation(operationId = "getModel", summary = "Get a model", description = "One model with its options, iteration, named losses, best loss and links to its preview and checkpoints.")
    @Problems({"model-not-found"})
    @GetMapping("/{id}")
    ModelView get(Caller caller, @PathVariable UUID id) {
        return ModelView.of(models.get(caller, id));
    }

    @Operation(operationId = "getModelLosses", summary = "Get a model's loss history", description = "The loss history as {iteration, losses}, in the architecture's order, evenly thinned to at most `points` points.")
    @Problems({"model-not-found"})
    @GetMapping("/{id}/losses")
    List<Models.Loss> losses(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "500") int points) {
        if (points < 2 || points > 5000) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "points must be between 2 and 5000.");
        }
        return models.losses(caller, id, points);
    }

    @Operation(operationId = "downloadModelPreview", summary = "Download a model's latest preview grid", description = "A 303 to the model's latest preview grid (what its columns show depends on the family).", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "303", description = "See Other: a short-lived presigned URL of the file", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "Where the file is, for a few minutes", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @Problems({"model-not-found", "model-preview-not-ready"})
    @GetMapping("/{id}/preview")
    ResponseEntity<Void> preview(Caller caller, @PathVariable UUID id) {
        Models.Model model = models.get(caller, id);
        if (model.previewKey() == null) {
            throw notYet(id, "preview");
        }
        return downloads.redirect(model.previewKey(), "preview-" + id + ".png");
    }

    /** A checkpoint is the whole model (weights and optimiser state); downloads are audited. */
    @Operation(operationId = "downloadCheckpoint", summary = "Download a model's checkpoint", description = "Audited, then a 303 to the latest or best checkpoint: weights, optimiser state and manifest, zipped.", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "303", description = "See Other: a short-lived presigned URL of the file", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "Where the file is, for a few minutes", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @Problems({"model-not-found", "model-checkpoint-not-ready"})
    @GetMapping("/{id}/checkpoint")
    ResponseEntity<Void> checkpoint(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "latest") String which) {
        Models.Model model = models.get(caller, id);
        String key = switch (which) {
            case "latest" -> model.checkpointKey();
            case "best" -> model.bestCheckpointKey();
            default -> throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "which must be latest or best.");
        };
        if (key == null) {
            throw notYet(id, "checkpoint");
        }
        audit.record(caller, "model.checkpoint-downloaded", "model", id, Map.of("which", which));
        return downloads.redirect(key, "model-" + id + "-" + which + ".zip");
    }

    private static ApiProblem notYet(UUID id, String what) {
        return new ApiProblem(HttpStatus.CONFLICT, "model-" + what + "-not-ready", "Not ready yet",
                "Model " + id + " has no " + what + " yet; the first comes with the first checkpoint.");
    }
}
