package dev.doppel.api.facesets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.doppel.api.system.Problems;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.doppel.api.tenancy.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Face sets", description = "People, with consent: their uploads and the faces extracted from them.")
@RestController
@RequestMapping("/api/v1/face-sets")
class FaceSetController {

    record Consent(@NotBlank @Size(max = 200) String attestedBy,
            @NotNull @AssertTrue(message = "must be true: every person pictured must have agreed") Boolean allPicturedPeopleConsented) {
    }

    record CreateFaceSet(@NotBlank @Size(max = 200) String name, @NotNull @Valid Consent consent) {
    }

    record ConsentView(String attestedBy, String statement, Instant attestedAt) {
    }

    record MediaView(UUID id, String kind, String format, String name, long bytes, int width, int height, Long durationMs,
            String sha256, Instant createdAt) {

        static MediaView of(Media media) {
            return new MediaView(media.id(), media.kind(), media.format(), media.originalName(), media.bytes(), media.width(),
                    media.height(), media.durationMs(), media.sha256(), media.createdAt());
        }
    }

    record FaceSetView(UUID id, String name, ConsentView consent, Instant createdAt, UUID referenceFaceId, List<MediaView> media,
            Map<String, String> links) {

        static FaceSetView of(FaceSet faceSet, List<Media> media) {
            String self = "/api/v1/face-sets/" + faceSet.id();
            return new FaceSetView(faceSet.id(), faceSet.name(),
                    new ConsentView(faceSet.consentAttestedBy(), faceSet.consentStatement(), faceSet.consentAttestedAt()),
                    faceSet.createdAt(), faceSet.referenceFaceId(), media == null ? null : media.stream().map(MediaView::of).toList(),
                    Map.of("self", self, "media", self + "/media", "faces", self + "/faces"));
        }
    }

    private final FaceSets faceSets;

    FaceSetController(FaceSets faceSets) {
        this.faceSets = faceSets;
    }

    @Operation(operationId = "createFaceSet", summary = "Create a face set, attesting consent", description = "A face set for one person, with whoever attests that everyone pictured agreed; uploads and faces belong to it.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FaceSetView> create(Caller caller, @Valid @RequestBody CreateFaceSet request) {
        FaceSet faceSet = faceSets.create(caller, request.name().strip(), request.consent().attestedBy().strip());
        return ResponseEntity.created(URI.create("/api/v1/face-sets/" + faceSet.id())).body(FaceSetView.of(faceSet, List.of()));
    }

    @Operation(operationId = "listFaceSets", summary = "List face sets", description = "The tenant's face sets, newest first, without their media.")
    @GetMapping
    List<FaceSetView> list(Caller caller) {
        return faceSets.list(caller).stream().map(faceSet -> FaceSetView.of(faceSet, null)).toList();
    }

    @Operation(operationId = "getFaceSet", summary = "Get a face set with its uploads", description = "One face set with its consent and uploads.")
    @Problems({"face-set-not-found"})
    @GetMapping("/{id}")
    FaceSetView get(Caller caller, @PathVariable UUID id) {
        return FaceSetView.of(faceSets.get(caller, id), faceSets.media(caller, id));
    }

    @Operation(operationId = "uploadMedia", summary = "Upload photos and videos", description = "Multipart `file` parts (JPEG, PNG, MP4, MOV, WebM), judged by content; all or nothing per request.")
    @Problems({"face-set-not-found", "upload-too-large", "upload-unsupported-type", "upload-unreadable", "quota-storage"})
    @PostMapping(path = "/{id}/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<List<MediaView>> upload(Caller caller, @PathVariable UUID id, @RequestPart("file") List<MultipartFile> files)
            throws IOException {
        List<MediaView> created = faceSets.upload(caller, id, files).stream().map(MediaView::of).toList();
        return ResponseEntity.created(URI.create("/api/v1/face-sets/" + id)).body(created);
    }
}
