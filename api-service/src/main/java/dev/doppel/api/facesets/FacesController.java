package dev.doppel.api.facesets;

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

    @GetMapping("/faces/{faceId}/{image:crop|mask}")
    ResponseEntity<Void> image(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID faceId, @PathVariable String image) {
        FaceSetFaces.Face face = faces.get(caller, faceSetId, faceId);
        return downloads.redirect(image.equals("crop") ? face.cropKey() : face.maskKey(), faceId + "-" + image + ".png");
    }

    @DeleteMapping("/faces/{faceId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID faceSetId, @PathVariable UUID faceId) {
        faces.delete(caller, faceSetId, faceId);
        return ResponseEntity.noContent().build();
    }

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
