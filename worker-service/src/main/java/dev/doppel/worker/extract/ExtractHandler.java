package dev.doppel.worker.extract;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaKind;
import dev.doppel.model.media.MediaProbe;
import dev.doppel.model.media.MediaRejected;
import dev.doppel.pipeline.media.ContactSheet;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.Thumbnails;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extract stage as it stands before face detection lands: probes every upload of a face set
 * again (the worker trusts nothing the API stored) and writes a contact sheet and a probe report.
 */
@Component
class ExtractHandler implements JobHandler {

    private static final int THUMBNAIL = 256;
    private static final int COLUMNS = 4;

    private final FaceSetMedia faceSets;
    private final MediaProbe probe;
    private final JsonMapper json;

    ExtractHandler(FaceSetMedia faceSets, MediaProbe probe, JsonMapper json) {
        this.faceSets = faceSets;
        this.probe = probe;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return JobKind.EXTRACT;
    }

    @Override
    public void run(JobContext context) throws Exception {
        UUID faceSetId = faceSetId(context.parameters());
        if (!faceSets.faceSetExists(context.tenantId(), faceSetId)) {
            throw new JobFailure("face-set-not-found", "Face set " + faceSetId + " does not exist.");
        }
        List<FaceSetMedia.Upload> uploads = faceSets.uploads(context.tenantId(), faceSetId);
        if (uploads.isEmpty()) {
            throw new JobFailure("face-set-empty", "Face set " + faceSetId + " has no uploads to extract from.");
        }
        Progress progress = context.progress();
        Cancellation cancellation = context.cancellation();
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        List<Map<String, Object>> report = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            cancellation.throwIfStopped();
            FaceSetMedia.Upload upload = uploads.get(i);
            progress.report("probing " + (i + 1) + "/" + uploads.size(), (double) i / uploads.size());
            Path local = context.scratch().resolve(upload.id().toString());
            context.store().download(upload.objectKey(), local);
            MediaInfo info = probeOrFail(upload, local);
            BufferedImage thumbnail = info.kind() == MediaKind.IMAGE
                    ? Thumbnails.ofImage(local, THUMBNAIL)
                    : Thumbnails.ofVideo(local, THUMBNAIL);
            tiles.add(new ContactSheet.Tile(thumbnail, caption(upload, info)));
            report.add(describe(upload, info));
            Files.deleteIfExists(local);
            context.metric("filesProbed", i + 1);
        }
        cancellation.throwIfStopped();
        progress.report("writing contact sheet", 0.95);
        BufferedImage sheet = ContactSheet.compose(tiles, THUMBNAIL, COLUMNS);
        Provenance provenance = new Provenance(DigitalSourceType.COMPOSITE,
                "Contact sheet of face set " + faceSetId + ", made by Doppel from its uploads.");
        context.writeOutput("contact-sheet.png", LabelledPng.encode(sheet, provenance), "image/png");
        context.writeOutput("probe.json", json.writeValueAsBytes(Map.of("faceSetId", faceSetId, "files", report)),
                "application/json");
        context.metric("files", uploads.size());
        progress.report("done", 1);
    }

    private MediaInfo probeOrFail(FaceSetMedia.Upload upload, Path local) {
        try {
            return probe.probe(local);
        } catch (MediaRejected rejected) {
            throw new JobFailure("media-unreadable", "Upload " + upload.id() + " cannot be used: " + rejected.getMessage());
        }
    }

    private static UUID faceSetId(JsonNode parameters) {
        JsonNode value = parameters.get("faceSetId");
        try {
            return UUID.fromString(value == null ? "" : value.asString());
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-parameters", "Parameter faceSetId must be a face set id.");
        }
    }

    private static String caption(FaceSetMedia.Upload upload, MediaInfo info) {
        String name = upload.originalName() == null ? upload.id().toString() : upload.originalName();
        return name + " · " + info.width() + "x" + info.height();
    }

    private static Map<String, Object> describe(FaceSetMedia.Upload upload, MediaInfo info) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("mediaId", upload.id());
        entry.put("name", upload.originalName());
        entry.put("format", info.format().name());
        entry.put("width", info.width());
        entry.put("height", info.height());
        if (info.kind() == MediaKind.VIDEO) {
            entry.put("durationMillis", info.durationMillis());
            entry.put("frameRate", info.frameRate());
            entry.put("streams", info.streams());
        }
        return entry;
    }
}
