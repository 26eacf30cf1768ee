package dev.doppel.worker.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.pipeline.convert.Conversion;
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
 * Converts one part of a long video for its parent convert job: the part's frames swapped into a
 * silent {@code part.mp4} and its own {@code report.json}, which the parent joins. A part without
 * faces is no failure; whether the video had any is the parent's to judge.
 */
@Component
class ConvertPartHandler implements JobHandler<ConvertPartParameters> {

    private final Uploads uploads;
    private final ConversionSetup setup;
    private final JsonMapper json;

    ConvertPartHandler(Uploads uploads, ConversionSetup setup, JsonMapper json) {
        this.uploads = uploads;
        this.setup = setup;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return ConvertPartParameters.KIND;
    }

    @Override
    public JobKind partOf() {
        return ConvertParameters.KIND;
    }

    @Override
    public ConvertPartParameters parse(JsonNode parameters) {
        return ConvertPartParameters.parse(parameters);
    }

    @Override
    public Set<JobRoute> routes(Set<String> engines) {
        return JobHandlers.perEngine(kind(), engines);
    }

    @Override
    public void run(JobContext context, ConvertPartParameters parameters) throws Exception {
        ConversionSetup.Checked checked = setup.check(context.tenantId(), parameters.convert());
        context.progress().report("loading input", 0);
        Path input = uploads.download(context, parameters.convert().mediaId(), "input");
        context.progress().report("loading model", 0.02);
        try (ConversionSetup.Ready ready = setup.open(context, checked, parameters.convert())) {
            Conversion conversion = ready.conversion();
            Path output = context.scratch().resolve("part.mp4");
            VideoProgress frames = new VideoProgress(context, "converting frames", () -> conversion.report().frames());
            VideoRewrite.Result result;
            try {
                result = conversion.videoPart(input, output, ConversionSetup.encoding(parameters.convert()),
                        ConversionSetup.provenance(parameters.convert()), parameters.window(), frames, context.cancellation());
            } catch (IOException e) {
                throw new JobFailure("media-unreadable", "Upload " + parameters.convert().mediaId() + " could not be converted (part "
                        + (parameters.part() + 1) + " of " + parameters.parts() + "): " + e.getMessage());
            }
            frames.finished(result);
            context.metric("framesDetected", conversion.keyframes());
            conversion.report().summary().forEach(context::metric);
            context.metric("millisPerFrame", conversion.times().millisPerFrame(conversion.report().frames()));
            context.progress().report("storing result", 0.96);
            context.writeOutput("part.mp4", output, "video/mp4");
            context.writeOutput("report.json", json.writeValueAsBytes(conversion.report().document()), "application/json");
            conversion.lastSwappedFrame().ifPresent(frame -> ConvertHandler.publishPreview(context, parameters.convert(), frame));
        }
        context.progress().report("done", 1);
    }
}
