package dev.doppel.api.deletion;

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

    @DeleteMapping("/face-sets/{id}")
    ResponseEntity<PendingDeletion> deleteFaceSet(Caller caller, @PathVariable UUID id) {
        return answer(id, deletions.deleteFaceSet(caller, id, "deleted"));
    }

    /** Consent withdrawn is the face set deleted, with everything made from it, and says so in the audit log. */
    @DeleteMapping("/face-sets/{id}/consent")
    ResponseEntity<PendingDeletion> withdrawConsent(Caller caller, @PathVariable UUID id) {
        return answer(id, deletions.deleteFaceSet(caller, id, "consent-withdrawn"));
    }

    @DeleteMapping("/face-sets/{faceSetId}/media/{mediaId}")
    ResponseEntity<Void> deleteUpload(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID mediaId) {
        deletions.deleteUpload(caller, faceSetId, mediaId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/models/{id}")
    ResponseEntity<Void> deleteModel(Caller caller, @PathVariable UUID id) {
        deletions.deleteModel(caller, id);
        return ResponseEntity.noContent().build();
    }

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
