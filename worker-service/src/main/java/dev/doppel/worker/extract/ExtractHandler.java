package dev.doppel.worker.extract;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.model.extract.ExtractParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaKind;
import dev.doppel.model.media.MediaProbe;
import dev.doppel.model.media.MediaRejected;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FrameSampling;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.face.VideoFaces;
import dev.doppel.pipeline.face.LocatingBatch;
import dev.doppel.pipeline.media.ContactSheet;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.worker.faces.FaceNetworks;
import dev.doppel.worker.faces.FaceSetIdentities;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extract stage: every upload of a face set is probed again (the worker trusts nothing the API
 * stored), faces are detected, landmarked, aligned, masked, scored and embedded, filtered by the
 * job's thresholds, and written as crops, masks, an alignments document and a contact sheet. The
 * face rows replace the set's earlier faces only when the job succeeds.
 */
@Component
class ExtractHandler implements JobHandler<ExtractParameters> {

    private static final int SHEET_COLUMNS = 8;

    private final FaceSetMedia faceSets;
    private final FaceSetIdentities identities;
    private final FaceRows faceRows;
    private final MediaProbe probe;
    private final FaceNetworks networks;
    private final JsonMapper json;

    ExtractHandler(FaceSetMedia faceSets, FaceSetIdentities identities, FaceRows faceRows, MediaProbe probe, FaceNetworks networks,
            JsonMapper json) {
        this.faceSets = faceSets;
        this.identities = identities;
        this.faceRows = faceRows;
        this.probe = probe;
        this.networks = networks;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return ExtractParameters.KIND;
    }

    @Override
    public ExtractParameters parse(JsonNode parameters) {
        return ExtractParameters.parse(parameters);
    }

    @Override
    public void run(JobContext context, ExtractParameters parameters) throws Exception {
        UUID faceSetId = parameters.faceSetId();
        if (!faceSets.faceSetExists(context.tenantId(), faceSetId)) {
            throw new JobFailure("face-set-not-found", "Face set " + faceSetId + " does not exist.");
        }
        List<FaceSetMedia.Upload> uploads = faceSets.uploads(context.tenantId(), faceSetId);
        if (uploads.isEmpty()) {
            throw new JobFailure("face-set-empty", "Face set " + faceSetId + " has no uploads to extract from.");
        }
        FaceFilter filter = new FaceFilter(parameters,
                identities.referenceEmbedding(context.tenantId(), faceSetId));
        if (parameters.maxIdentityDistance() != null && filter.reference().isEmpty()) {
            throw new JobFailure("no-reference-face", "maxIdentityDistance needs a reference face; pick one in face set " + faceSetId + " first.");
        }
        context.progress().report("loading face models", 0);
        try (FaceNetworks.Lease lease = networks.borrow()) {
            extract(context, parameters, uploads, filter, lease.extractor());
        }
    }

    private void extract(JobContext context, ExtractParameters parameters, List<FaceSetMedia.Upload> uploads, FaceFilter filter,
            FaceExtractor extractor) throws Exception {
        UUID faceSetId = parameters.faceSetId();
        AlignmentOptions options = new AlignmentOptions(parameters.size(), Coverage.valueOf(parameters.coverage()));
        FaceSetExtraction extraction = new FaceSetExtraction(context, filter, options, json);
        long started = System.nanoTime();
        // Photos go through the networks together, as a video's frames do; each keeps its own faces, in upload order.
        LocatingBatch<Integer> photos = new LocatingBatch<>(extractor, (index, photo, located) -> {
            extraction.frame(uploads.get(index), 0, null, extractor.extract(photo, options, located));
            context.metric("uploadsDone", index + 1);
        });
        for (int i = 0; i < uploads.size(); i++) {
            context.cancellation().throwIfStopped();
            FaceSetMedia.Upload upload = uploads.get(i);
            Progress progress = within(context.progress(), i, uploads.size(), upload);
            Path local = context.scratch().resolve(upload.id().toString());
            context.store().download(upload.objectKey(), local);
            MediaInfo info = probeOrFail(upload, local);
            if (info.kind() == MediaKind.IMAGE) {
                progress.report("detecting faces", 0);
                photos.add(i, RgbImage.read(local));
            } else {
                photos.flush();
                VideoFaces.extract(local, sampling(parameters), extractor, options, progress, context.cancellation(),
                        (frameIndex, timestamp, frame, faces) -> extraction.frame(upload, frameIndex, timestamp, faces));
                context.metric("uploadsDone", i + 1);
            }
            Files.deleteIfExists(local);
        }
        photos.flush();
        context.cancellation().throwIfStopped();
        if (extraction.kept().isEmpty()) {
            throw new JobFailure("no-faces-found", extraction.found() == 0
                    ? "No face was found in the " + uploads.size() + " upload(s) of face set " + faceSetId + "."
                    : "All " + extraction.found() + " faces found were dropped by the job's thresholds " + extraction.dropped() + ".");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        context.metric("facesFound", extraction.found());
        context.metric("facesKept", extraction.kept().size());
        context.metric("facesDropped", extraction.dropped());
        context.metric("framesProcessed", extraction.frames());
        context.metric("framesPerSecond", extraction.frames() / seconds);
        context.progress().report("writing contact sheet", 0.98);
        byte[] sheet = LabelledPng.encode(contactSheet(extraction.tiles()), new Provenance(DigitalSourceType.COMPOSITE,
                "Aligned faces of face set " + faceSetId + ", made by Doppel from its uploads."));
        context.writeOutput("contact-sheet.png", sheet, "image/png");
        context.publishPreview("faces.png", sheet);
        context.writeOutput("alignments.json", json.writeValueAsBytes(Map.of("faceSetId", faceSetId,
                "size", parameters.size(), "coverage", parameters.coverage(), "frames", extraction.alignments())), "application/json");
        List<FaceRow> rows = List.copyOf(extraction.kept());
        context.atSuccess(() -> faceRows.replace(context.tenantId(), faceSetId, context.jobId(), rows));
        context.progress().report("done", 1);
    }

    private MediaInfo probeOrFail(FaceSetMedia.Upload upload, Path local) {
        try {
            return probe.probe(local);
        } catch (MediaRejected rejected) {
            throw new JobFailure("media-unreadable", "Upload " + upload.id() + " cannot be used: " + rejected.getMessage());
        }
    }

    private static FrameSampling sampling(ExtractParameters parameters) {
        return parameters.everyNthFrame() != null
                ? FrameSampling.everyNth(parameters.everyNthFrame())
                : FrameSampling.fps(parameters.framesPerSecond());
    }

    /** Maps an upload's own 0..1 progress into its share of the whole job. */
    private static Progress within(Progress job, int index, int count, FaceSetMedia.Upload upload) {
        String name = upload.originalName() == null ? upload.id().toString() : upload.originalName();
        return (step, fraction) -> job.report(name + " (" + (index + 1) + "/" + count + "): " + step,
                0.97 * (index + Math.max(0, Math.min(1, fraction))) / count);
    }

    private static BufferedImage contactSheet(List<ContactSheet.Tile> tiles) {
        return ContactSheet.compose(tiles, 128, SHEET_COLUMNS);
    }
}
