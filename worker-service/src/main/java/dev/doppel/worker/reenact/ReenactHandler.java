package dev.doppel.worker.reenact;

import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.drive.NoNeutralFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.doppel.model.families.reenactment.ReenactmentArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.media.MediaKind;
import dev.doppel.model.reenact.ReenactParameters;
import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.Thumbnails;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.reenact.Reenactment;
import dev.doppel.pipeline.reenact.SketchToFace;
import dev.doppel.worker.faces.FaceNetworks;
import dev.doppel.worker.faces.FaceSetIdentities;
import dev.doppel.worker.media.Uploads;
import dev.doppel.worker.media.VideoProgress;
import dev.doppel.worker.models.TrainedModels;
import dev.doppel.worker.models.WorkerModels;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import dev.doppel.worker.runtime.JobHandlers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reenact stage: a reenactment model draws its person with the expressions of a driving video,
 * into the target's photo or video. The result is a video at the driver's frame rate and length,
 * labelled as AI-made in its metadata, with a quality report (how closely mouth and eyes follow the
 * driver, identity distance to the person), and exists only if the whole drive succeeded.
 */
@Component
class ReenactHandler implements JobHandler<ReenactParameters> {

    private static final int PREVIEW_SIDE = 640;

    private final Uploads uploads;
    private final TrainedModels trainedModels;
    private final FaceSetIdentities identities;
    private final FaceNetworks networks;
    private final WorkerModels models;
    private final JsonMapper json;

    ReenactHandler(Uploads uploads, TrainedModels trainedModels, FaceSetIdentities identities, FaceNetworks networks,
            WorkerModels models, JsonMapper json) {
        this.uploads = uploads;
        this.trainedModels = trainedModels;
        this.identities = identities;
        this.networks = networks;
        this.models = models;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return ReenactParameters.KIND;
    }

    @Override
    public ReenactParameters parse(JsonNode parameters) {
        return ReenactParameters.parse(parameters);
    }

    /** The queues of this worker's engines that run a reenactment model: a worker never waits on a queue no job goes to. */
    @Override
    public Set<JobRoute> routes(Set<String> engines) {
        Set<String> serving = new TreeSet<>(models.enginesFor(kind().name()));
        serving.retainAll(engines);
        return JobHandlers.perEngine(kind(), serving);
    }

    @Override
    public Map<String, String> throughputGauges() {
        return Map.of("doppel.reenact.frames.per.second", "framesPerSecond");
    }

    @Override
    public void run(JobContext context, ReenactParameters parameters) throws Exception {
        UUID tenant = context.tenantId();
        TrainedModels.Model model = trainedModels.require(tenant, parameters.modelId());
        String checkpointKey = TrainedModels.checkpointKey(model, parameters.checkpoint());
        UUID person = model.faceSets().get(ReenactmentArchitectures.ROLE);
        if (person == null) {
            throw new JobFailure("model-cannot-reenact", "Model " + parameters.modelId() + " learned " + model.faceSets().keySet()
                    + ", not a target person; reenact takes a model of the reenactment family.");
        }
        models.implementation(model.architecture(), model.engine());

        context.progress().report("loading inputs", 0);
        Path driver = uploads.download(context, parameters.drivingMediaId(), "driver");
        Path target = uploads.download(context, parameters.targetMediaId(), "target");
        if (uploads.probe(parameters.drivingMediaId(), driver).kind() != MediaKind.VIDEO) {
            throw new JobFailure("driver-not-a-video", "Upload " + parameters.drivingMediaId() + " is a photo; the driver must be a video.");
        }
        boolean targetIsVideo = uploads.probe(parameters.targetMediaId(), target).kind() == MediaKind.VIDEO;

        context.progress().report("loading model", 0.02);
        Reenactment.Options options = new Reenactment.Options(parameters.neutralFrame(),
                identities.coverage(tenant, person).map(Coverage::valueOf).orElse(Coverage.WHOLE_FACE),
                ColourMatch.parse(parameters.colourMatch()), BlendMode.parse(parameters.blend()),
                new BlendOptions(parameters.erosion(), parameters.feather()),
                identities.referenceEmbedding(tenant, person).or(() -> identities.meanEmbedding(tenant, person)).orElse(null),
                parameters.keepSound(), parameters.watermark());
        try (TrainableModel trained = load(context, model, checkpointKey); FaceNetworks.Lease faces = networks.borrow()) {
            context.metric("modelIteration", trained.iteration());
            Reenactment reenactment = new Reenactment(faces.models(), (SketchToFace) trained, options);
            Path output = context.scratch().resolve("reenact.mp4");
            VideoProgress frames = new VideoProgress(context, "driving frames", () -> reenactment.report().frames());
            VideoRewrite.Encoding encoding = new VideoRewrite.Encoding(parameters.crf(), VideoRewrite.Encoding.DEFAULT.preset());
            VideoRewrite.Result result;
            try {
                result = targetIsVideo
                        ? reenactment.drive(driver, target, output, encoding, provenance(parameters), frames, context.cancellation())
                        : reenactment.drive(driver, RgbImage.read(target), output, encoding, provenance(parameters), frames, context.cancellation());
            } catch (NoFace noFace) {
                throw new JobFailure("no-faces-found", noFace.getMessage());
            } catch (NoNeutralFrame missing) {
                throw new JobFailure("neutral-frame-out-of-range", missing.getMessage());
            } catch (IOException e) {
                throw new JobFailure("media-unreadable", "The driver or the target could not be read: " + e.getMessage());
            }
            if (reenactment.report().framesDriven() == 0) {
                Files.deleteIfExists(output);
                throw new JobFailure("no-faces-found", "No frame could be driven: the driver's face or the target's was never found together.");
            }
            frames.finished(result);
            reenactment.report().summary().forEach(context::metric);
            context.metric("millisPerFrame", reenactment.times().millisPerFrame(reenactment.report().frames()));
            context.progress().report("storing result", 0.96);
            context.writeOutput("reenact.mp4", output, "video/mp4");
            context.writeOutput("report.json", json.writeValueAsBytes(reenactment.report().document()), "application/json");
            if (reenactment.lastFrame().isPresent()) {
                context.publishPreview("reenact.png", LabelledPng.encode(Thumbnails.fit(reenactment.lastFrame().get(), PREVIEW_SIDE),
                        provenance(parameters)));
            }
        }
        context.progress().report("done", 1);
    }

    private TrainableModel load(JobContext context, TrainedModels.Model model, String checkpointKey) throws IOException {
        TrainableModel loaded = models.load(TrainedModels.unpacked(context, checkpointKey, "model"), model.architecture(), model.engine());
        if (loaded instanceof SketchToFace) {
            return loaded;
        }
        loaded.close();
        throw new JobFailure("model-cannot-reenact", "Models of architecture '" + model.architecture()
                + "' do not draw faces from landmarks, so they cannot reenact.");
    }

    private static Provenance provenance(ReenactParameters parameters) {
        return new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                "AI-generated reenactment: the face of Doppel model " + parameters.modelId()
                        + "'s person redrawn with the expressions of another video. Not an untouched original.");
    }
}
