package dev.doppel.api.deletion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.tenancy.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DELETE for everything that holds or derives from people's faces. 204: gone, store objects
 * included. 202: a face set is hidden and its jobs are being cancelled; it is deleted as soon as
 * they have stopped (a sweep sees to it; once gone, the face set answers 404). 409: a job still
 * uses what was named.
 */
@Tag(name = "Deletion", description = "Removing people's data and everything made from it.")
@RestController
@RequestMapping("/api/v1")
class DeletionController {

    /** {@code waitingFor}: the jobs that were cancelled and have yet to stop. */
    record PendingDeletion(String state, List<UUID> waitingFor, Map<String, String> links) {
    }

    private final Deletions deletions;

    DeletionController(Deletions deletions) {
        this.deletions = deletions;
    }

    @Operation(operationId = "deleteFaceSet", summary = "Delete a face set and everything made from it", description = "Deletes the face set with its uploads, faces, the models trained on it and every result made from them; cancels their jobs first (202 until they stop).")
    @Problems({"face-set-not-found"})
    @DeleteMapping("/face-sets/{id}")
    ResponseEntity<PendingDeletion> deleteFaceSet(Caller caller, @PathVariable UUID id) {
        return answer(id, deletions.deleteFaceSet(caller, id, "deleted"));
    }

    /** Consent withdrawn is the face set deleted, with everything made from it, and says so in the audit log. */
    @Operation(operationId = "withdrawConsent", summary = "Withdraw consent: delete a face set and everything made from it", description = "The same deletion as DELETE /face-sets/{id}, recorded in the audit log as consent withdrawn.")
    @Problems({"face-set-not-found"})
    @DeleteMapping("/face-sets/{id}/consent")
    ResponseEntity<PendingDeletion> withdrawConsent(Caller caller, @PathVariable UUID id) {
        return answer(id, deletions.deleteFaceSet(caller, id, "consent-withdrawn"));
    }

    @Operation(operationId = "deleteUpload", summary = "Delete an upload with its faces and results", description = "Deletes an upload, its faces, the results made from it and the face set's contact sheets; models trained on the set stay.")
    @Problems({"upload-not-found", "upload-in-use"})
    @DeleteMapping("/face-sets/{faceSetId}/media/{mediaId}")
    ResponseEntity<Void> deleteUpload(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID mediaId) {
        deletions.deleteUpload(caller, faceSetId, mediaId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "deleteModel", summary = "Delete a model", description = "Deletes a model's checkpoints, previews and loss history; what was converted with it stays.")
    @Problems({"model-not-found", "model-in-use"})
    @DeleteMapping("/models/{id}")
    ResponseEntity<Void> deleteModel(Caller caller, @PathVariable UUID id) {
        deletions.deleteModel(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "deleteJobResult", summary = "Delete a job's results", description = "Deletes a finished job's result files (and its previews, except a train job's, which are its model's).")
    @Problems({"job-not-found", "job-in-use"})
    @DeleteMapping("/jobs/{id}/result")
    ResponseEntity<Void> deleteResult(Caller caller, @PathVariable UUID id) {
        deletions.deleteJobResult(caller, id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<PendingDeletion> answer(UUID faceSetId, Deletions.FaceSetDeletion outcome) {
        if (outcome.deleted()) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new PendingDeletion("deleting", outcome.waitingFor(),
                Map.of("jobs", "/api/v1/jobs?state=RUNNING")));
    }
}
