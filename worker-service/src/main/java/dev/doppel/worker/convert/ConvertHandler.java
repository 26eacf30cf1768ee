package dev.doppel.worker.convert;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaKind;
import dev.doppel.pipeline.convert.Conversion;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.LabelledJpeg;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.Thumbnails;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.worker.media.Uploads;
import dev.doppel.worker.media.VideoProgress;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import dev.doppel.worker.runtime.JobHandlers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The convert stage: a trained model swaps the faces of one photo or video. The result is labelled
 * in its metadata as AI-made, comes with a quality report (identity distances, landmark drift) in
 * the job's metrics and as {@code report.json}, and exists only if the whole conversion succeeded.
 * A video longer than {@code doppel.worker.convert.segment-length} is converted in parts, one job
 * each ({@link VideoInParts}).
 */
@Component
class ConvertHandler implements JobHandler<ConvertParameters> {

    static final int PREVIEW_SIDE = 640;

    private final Uploads uploads;
    private final ConversionSetup setup;
    private final VideoInParts parts;
    private final JsonMapper json;

    ConvertHandler(Uploads uploads, ConversionSetup setup, VideoInParts parts, JsonMapper json) {
        this.uploads = uploads;
        this.setup = setup;
        this.parts = parts;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return ConvertParameters.KIND;
    }

    @Override
    public ConvertParameters parse(JsonNode parameters) {
        return ConvertParameters.parse(parameters);
    }

    /** A conversion runs on its model's engine: this worker takes only the engines it runs. */
    @Override
    public Set<JobRoute> routes(Set<String> engines) {
        return JobHandlers.perEngine(kind(), engines);
    }

    @Override
    public Map<String, String> throughputGauges() {
        return Map.of("doppel.convert.frames.per.second", "framesPerSecond");
    }

    @Override
    public void run(JobContext context, ConvertParameters parameters) throws Exception {
        ConversionSetup.Checked checked = setup.check(context.tenantId(), parameters);
        Uploads.Upload upload = uploads.require(context.tenantId(), parameters.mediaId());

        context.progress().report("loading input", 0);
        Path input = uploads.download(context, parameters.mediaId(), "input");
        MediaInfo info = uploads.probe(parameters.mediaId(), input);
        if (info.kind() != MediaKind.IMAGE) {
            Optional<List<VideoRewrite.Window>> windows = parts.plan(context, info, input);
            if (windows.isPresent()) {
                parts.convert(context, parameters, input, info, windows.get());
                context.progress().report("done", 1);
                return;
            }
        }
        context.progress().report("loading model", 0.02);
        try (ConversionSetup.Ready ready = setup.open(context, checked, parameters)) {
            Conversion conversion = ready.conversion();
            if (info.kind() == MediaKind.IMAGE) {
                photo(context, parameters, upload, input, conversion);
            } else {
                video(context, parameters, input, conversion);
            }
            context.writeOutput("report.json", json.writeValueAsBytes(conversion.report().document()), "application/json");
            conversion.report().summary().forEach(context::metric);
            context.metric("millisPerFrame", conversion.times().millisPerFrame(conversion.report().frames()));
        }
        context.progress().report("done", 1);
    }

    private void photo(JobContext context, ConvertParameters parameters, Uploads.Upload upload, Path input, Conversion conversion)
            throws IOException {
        context.progress().report("swapping faces", 0.05);
        BufferedImage swapped = conversion.photo(RgbImage.read(input));
        if (conversion.report().facesSwapped() == 0) {
            throw noFaces(parameters, "the photo");
        }
        context.progress().report("writing result", 0.95);
        Provenance provenance = ConversionSetup.provenance(parameters);
        boolean jpeg = parameters.format() != null ? parameters.format().equals("jpeg") : upload.format().equalsIgnoreCase("JPEG");
        if (jpeg) {
            context.writeOutput("swap.jpg", LabelledJpeg.encode(swapped, provenance, parameters.quality() / 100f), "image/jpeg");
        } else {
            context.writeOutput("swap.png", LabelledPng.encode(swapped, provenance), "image/png");
        }
        context.publishPreview("swap.png", LabelledPng.encode(Thumbnails.fit(swapped, PREVIEW_SIDE), provenance));
    }

    private void video(JobContext context, ConvertParameters parameters, Path input, Conversion conversion) throws IOException {
        Path output = context.scratch().resolve("swap.mp4");
        VideoProgress frames = new VideoProgress(context, "converting frames", () -> conversion.report().frames());
        VideoRewrite.Result result;
        try {
            result = conversion.video(input, output, ConversionSetup.encoding(parameters), ConversionSetup.provenance(parameters), frames,
                    context.cancellation());
        } catch (IOException e) {
            throw new JobFailure("media-unreadable", "Upload " + parameters.mediaId() + " could not be converted: " + e.getMessage());
        }
        if (conversion.report().facesSwapped() == 0) {
            Files.deleteIfExists(output);
            throw noFaces(parameters, "any of the video's " + result.frames() + " frames");
        }
        frames.finished(result);
        context.metric("framesDetected", conversion.keyframes());
        context.progress().report("storing result", 0.96);
        context.writeOutput("swap.mp4", output, "video/mp4");
        conversion.lastSwappedFrame().ifPresent(frame -> publishPreview(context, parameters, frame));
    }

    static void publishPreview(JobContext context, ConvertParameters parameters, BufferedImage frame) {
        try {
            context.publishPreview("swap.png", LabelledPng.encode(Thumbnails.fit(frame, PREVIEW_SIDE), ConversionSetup.provenance(parameters)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the preview", e);
        }
    }

    static JobFailure noFaces(ConvertParameters parameters, String where) {
        return new JobFailure("no-faces-found", parameters.faces().equals("all")
                ? "No face was found in " + where + "."
                : "No face in " + where + " matched faces=" + parameters.faces() + "; try faces=all.");
    }

}
