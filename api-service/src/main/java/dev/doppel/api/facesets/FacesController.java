package dev.doppel.api.facesets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.PresignedDownloads;
import dev.doppel.api.tenancy.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Face sets")
@RestController
@RequestMapping("/api/v1/face-sets/{faceSetId}")
class FacesController {

    record FaceView(UUID id, UUID mediaId, long frameIndex, Long timestampMs, int faceIndex, JsonNode box,
            Map<String, Object> scores, boolean reference, String crop, String mask) {
    }

    record FacePage(List<FaceView> items, long total) {
    }

    record PickReference(@NotNull UUID faceId) {
    }

    private final FaceSetFaces faces;
    private final FaceSets faceSets;
    private final PresignedDownloads downloads;

    FacesController(FaceSetFaces faces, FaceSets faceSets, PresignedDownloads downloads) {
        this.faces = faces;
        this.faceSets = faceSets;
        this.downloads = downloads;
    }

    @Operation(operationId = "listFaces", summary = "List the faces found in a face set", description = "The faces the last extract found, with box, scores and links to crop and mask, sorted as asked.")
    @Problems({"face-set-not-found"})
    @GetMapping("/faces")
    FacePage list(Caller caller, @PathVariable UUID faceSetId, @RequestParam(defaultValue = "position") String sort,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "limit must be between 1 and 500 and offset must not be negative.");
        }
        UUID reference = faceSets.get(caller, faceSetId).referenceFaceId();
        List<FaceView> items = faces.list(caller, faceSetId, FaceSetFaces.sort(sort), limit, offset).stream()
                .map(face -> view(faceSetId, face, face.id().equals(reference)))
                .toList();
        return new FacePage(items, faceSets.faceCount(caller, faceSetId));
    }

    @Operation(operationId = "downloadFaceImage", summary = "Download a face's crop or mask", description = "A 303 to a face's aligned crop or its mask.", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "303", description = "See Other: a short-lived presigned URL of the file", headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "Where the file is, for a few minutes", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @Problems({"face-set-not-found", "face-not-found"})
    @GetMapping("/faces/{faceId}/{image:crop|mask}")
    ResponseEntity<Void> image(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID faceId, @PathVariable String image) {
        FaceSetFaces.Face face = faces.get(caller, faceSetId, faceId);
        return downloads.redirect(image.equals("crop") ? face.cropKey() : face.maskKey(), faceId + "-" + image + ".png");
    }

    @Operation(operationId = "removeFace", summary = "Remove a face", description = "Takes a bad face out of the set, so training never sees it.")
    @Problems({"face-set-not-found", "face-not-found"})
    @DeleteMapping("/faces/{faceId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID faceId) {
        faces.delete(caller, faceSetId, faceId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "pickReference", summary = "Pick the reference face", description = "Marks the person's face: every face of the set gets its identity distance to it.")
    @Problems({"face-set-not-found", "face-not-found"})
    @PutMapping("/reference")
    FaceSetController.FaceSetView pickReference(Caller caller, @PathVariable UUID faceSetId, @Valid @RequestBody PickReference request) {
        faces.pickReference(caller, faceSetId, request.faceId());
        return FaceSetController.FaceSetView.of(faceSets.get(caller, faceSetId), faceSets.media(caller, faceSetId));
    }

    private static FaceView view(UUID faceSetId, FaceSetFaces.Face face, boolean reference) {
        String self = "/api/v1/face-sets/" + faceSetId + "/faces/" + face.id();
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("detection", face.detectionScore());
        scores.put("blur", face.blur());
        scores.put("size", face.size());
        scores.put("yaw", face.yaw());
        scores.put("pitch", face.pitch());
        scores.put("identityDistance", face.identityDistance());
        return new FaceView(face.id(), face.mediaId(), face.frameIndex(), face.timestampMs(), face.faceIndex(), face.box(), scores,
                reference, self + "/crop", self + "/mask");
    }
}
