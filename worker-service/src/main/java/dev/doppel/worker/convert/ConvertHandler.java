package dev.doppel.worker.convert;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaKind;
import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.convert.Conversion;
import dev.doppel.pipeline.convert.FaceSelection;
import dev.doppel.pipeline.convert.MaskSource;
import dev.doppel.pipeline.convert.SwapOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledJpeg;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.Thumbnails;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.worker.faces.FaceNetworks;
import dev.doppel.worker.faces.FaceSetIdentities;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import dev.doppel.worker.media.Uploads;
import dev.doppel.worker.media.VideoProgress;
import dev.doppel.worker.models.TrainedModels;
import dev.doppel.worker.models.WorkerModels;
import dev.doppel.worker.runtime.JobHandlers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The convert stage: a trained model swaps the faces of one photo or video. The result is labelled
 * in its metadata as AI-made, comes with a quality report (identity distances, landmark drift) in
 * the job's metrics and as {@code report.json}, and exists only if the whole conversion succeeded.
 */
@Component
class ConvertHandler implements JobHandler<ConvertParameters> {

    private static final int PREVIEW_SIDE = 640;

    private final Uploads uploads;
    private final TrainedModels trainedModels;
    private final FaceSetIdentities identities;
    private final FaceNetworks networks;
    private final WorkerModels models;
    private final JsonMapper json;

    ConvertHandler(Uploads uploads, TrainedModels trainedModels, FaceSetIdentities identities, FaceNetworks networks, WorkerModels models,
            JsonMapper json) {
        this.uploads = uploads;
        this.trainedModels = trainedModels;
        this.identities = identities;
        this.networks = networks;
        this.models = models;
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
        UUID tenant = context.tenantId();
        TrainedModels.Model model = trainedModels.require(tenant, parameters.modelId());
        String checkpointKey = TrainedModels.checkpointKey(model, parameters.checkpoint());
        Uploads.Upload upload = uploads.require(tenant, parameters.mediaId());
        models.implementation(model.architecture(), model.engine());
        UUID source = faceSet(model, parameters.towardsB() ? "A" : "B");
        UUID target = faceSet(model, parameters.towardsB() ? "B" : "A");

        context.progress().report("loading input", 0);
        Path input = uploads.download(context, parameters.mediaId(), "input");
        MediaInfo info = uploads.probe(parameters.mediaId(), input);
        context.progress().report("loading model", 0.02);
        SwapOptions options = options(parameters, tenant, source, target);
        try (TrainableModel trained = loadModel(context, model, checkpointKey); FaceNetworks.Lease faces = networks.borrow()) {
            context.metric("modelIteration", trained.iteration());
            FaceTranslator translator = (FaceTranslator) trained;
            if (parameters.usesPredictedMask() && !translator.predictsMasks()) {
                throw new JobFailure("model-draws-no-mask", "Model " + parameters.modelId() + " draws no mask; convert with mask 'landmarks'.");
            }
            context.metric("mask", (options.mask() == null ? MaskSource.bestFor(translator.predictsMasks()) : options.mask())
                    .name().toLowerCase(Locale.ROOT));
            Conversion conversion = new Conversion(faces.models(), translator, options, parameters.watermark(),
                    new Conversion.VideoSettings(Conversion.VideoSettings.DEFAULT.batchFrames(), parameters.detectEvery()));
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
        Provenance provenance = provenance(parameters);
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
            result = conversion.video(input, output, new VideoRewrite.Encoding(parameters.crf(), VideoRewrite.Encoding.DEFAULT.preset()),
                    provenance(parameters), frames, context.cancellation());
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

    private void publishPreview(JobContext context, ConvertParameters parameters, BufferedImage frame) {
        try {
            context.publishPreview("swap.png", LabelledPng.encode(Thumbnails.fit(frame, PREVIEW_SIDE), provenance(parameters)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the preview", e);
        }
    }

    private SwapOptions options(ConvertParameters parameters, UUID tenant, UUID source, UUID target) {
        Coverage coverage = identities.coverage(tenant, source).or(() -> identities.coverage(tenant, target))
                .map(Coverage::valueOf).orElse(Coverage.WHOLE_FACE);
        FaceSelection selection = FaceSelection.parse(parameters.faces());
        FaceEmbedding reference = identities.referenceEmbedding(tenant, source).or(() -> identities.meanEmbedding(tenant, source))
                .orElse(null);
        if (selection == FaceSelection.REFERENCE && reference == null) {
            throw new JobFailure("no-reference-face", "faces=reference swaps the faces that look like face set " + source
                    + ", but it has no extracted faces; extract it or choose faces=all or largest.");
        }
        return new SwapOptions(parameters.towardsB() ? "B" : "A", coverage, ColourMatch.parse(parameters.colourMatch()),
                BlendMode.parse(parameters.blend()), new BlendOptions(parameters.erosion(), parameters.feather()), selection, reference,
                parameters.maxIdentityDistance(), identities.meanEmbedding(tenant, target).orElse(null),
                parameters.mask() == null ? null : MaskSource.parse(parameters.mask()));
    }

    /** A model that redraws faces (a {@link FaceTranslator}); any other kind of model cannot convert. */
    private static UUID faceSet(TrainedModels.Model model, String role) {
        UUID id = model.faceSets().get(role);
        if (id == null) {
            throw new JobFailure("model-cannot-convert", "This model has no face set in role " + role + "; it learned " + model.faceSets().keySet() + ".");
        }
        return id;
    }

    private TrainableModel loadModel(JobContext context, TrainedModels.Model model, String checkpointKey) throws IOException {
        Path folder = TrainedModels.unpacked(context, checkpointKey, "model");
        TrainableModel loaded = models.load(folder, model.architecture(), model.engine());
        if (loaded instanceof FaceTranslator) {
            return loaded;
        }
        loaded.close();
        throw new JobFailure("model-cannot-convert", "Models of architecture '" + model.architecture()
                + "' do not redraw faces, so they cannot convert photos or videos.");
    }

    private static Provenance provenance(ConvertParameters parameters) {
        return new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                "AI-generated face swap: faces replaced by Doppel model " + parameters.modelId() + " (" + parameters.direction()
                        + "). Not an untouched original.");
    }

    private static JobFailure noFaces(ConvertParameters parameters, String where) {
        return new JobFailure("no-faces-found", parameters.faces().equals("all")
                ? "No face was found in " + where + "."
                : "No face in " + where + " matched faces=" + parameters.faces() + "; try faces=all.");
    }

}
