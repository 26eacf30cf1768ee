package dev.doppel.worker.animate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.doppel.model.animate.AnimateParameters;
import dev.doppel.model.families.motion.MotionArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.media.MediaKind;
import dev.doppel.pipeline.animate.LandmarkWarp;
import dev.doppel.pipeline.animate.LearnedMotion;
import dev.doppel.pipeline.animate.PhotoAnimation;
import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.drive.NoNeutralFrame;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.Thumbnails;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.motion.MotionModel;
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
 * The animate stage: a photo moves as a driving video's face does, warped over its landmarks or
 * redrawn by a motion model. The result is a video at the driver's frame rate and length in the
 * photo's framing, labelled as AI-made in its metadata, with a quality report (how closely mouth
 * and eyes follow the driver, identity distance to the photo's face), and exists only if the whole
 * animation succeeded.
 */
@Component
class AnimateHandler implements JobHandler<AnimateParameters> {

    private static final int PREVIEW_SIDE = 640;

    private final Uploads uploads;
    private final TrainedModels trainedModels;
    private final FaceSetIdentities identities;
    private final FaceNetworks networks;
    private final WorkerModels models;
    private final JsonMapper json;

    AnimateHandler(Uploads uploads, TrainedModels trainedModels, FaceSetIdentities identities, FaceNetworks networks, WorkerModels models,
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
        return AnimateParameters.KIND;
    }

    @Override
    public AnimateParameters parse(JsonNode parameters) {
        return AnimateParameters.parse(parameters);
    }

    /** The warp's queue, which every worker serves, and the queues of this worker's engines that run a motion model. */
    @Override
    public Set<JobRoute> routes(Set<String> engines) {
        Set<String> serving = new TreeSet<>(models.enginesFor(kind().name()));
        serving.retainAll(engines);
        Set<JobRoute> routes = new HashSet<>(JobHandlers.perEngine(kind(), serving));
        routes.add(JobRoute.of(kind()));
        return routes;
    }

    @Override
    public Map<String, String> throughputGauges() {
        return Map.of("doppel.animate.frames.per.second", "framesPerSecond");
    }

    @Override
    public void run(JobContext context, AnimateParameters parameters) throws Exception {
        context.progress().report("loading inputs", 0);
        Path photo = uploads.download(context, parameters.photoMediaId(), "photo");
        Path driver = uploads.download(context, parameters.drivingMediaId(), "driver");
        if (uploads.probe(parameters.photoMediaId(), photo).kind() != MediaKind.IMAGE) {
            throw new JobFailure("photo-not-an-image", "Upload " + parameters.photoMediaId() + " is a video; the face that moves comes from a photo.");
        }
        if (uploads.probe(parameters.drivingMediaId(), driver).kind() != MediaKind.VIDEO) {
            throw new JobFailure("driver-not-a-video", "Upload " + parameters.drivingMediaId() + " is a photo; the driver must be a video.");
        }
        PhotoAnimation.Options options = new PhotoAnimation.Options(parameters.neutralFrame(), parameters.faceIndex(), parameters.keepSound(),
                parameters.watermark());
        TrainedModels.Model model = parameters.learned() ? motionModel(context, parameters) : null;
        try (TrainableModel trained = model != null ? load(context, model, parameters) : null; FaceNetworks.Lease faces = networks.borrow()) {
            PhotoAnimation.Method method = new LandmarkWarp();
            if (trained != null) {
                context.metric("modelIteration", trained.iteration());
                method = new LearnedMotion((MotionModel) trained, coverage(context.tenantId(), model));
            }
            PhotoAnimation animation = new PhotoAnimation(faces.models(), method, options);
            Path output = context.scratch().resolve("animate.mp4");
            VideoProgress frames = new VideoProgress(context, "animating frames", () -> animation.report().frames());
            VideoRewrite.Encoding encoding = new VideoRewrite.Encoding(parameters.crf(), VideoRewrite.Encoding.DEFAULT.preset());
            VideoRewrite.Result result;
            try {
                result = animation.animate(driver, RgbImage.read(photo), output, encoding, provenance(parameters), frames, context.cancellation());
            } catch (NoFace noFace) {
                throw new JobFailure("no-faces-found", noFace.getMessage());
            } catch (NoNeutralFrame missing) {
                throw new JobFailure("neutral-frame-out-of-range", missing.getMessage());
            } catch (IOException e) {
                throw new JobFailure("media-unreadable", "The photo or the driver could not be read: " + e.getMessage());
            }
            if (animation.report().framesDriven() == 0) {
                Files.deleteIfExists(output);
                throw new JobFailure("no-faces-found", "No frame could be animated: the driver's face was never found after its neutral frame.");
            }
            frames.finished(result);
            context.metric("method", parameters.method());
            animation.report().summary().forEach(context::metric);
            context.metric("millisPerFrame", animation.times().millisPerFrame(animation.report().frames()));
            context.progress().report("storing result", 0.96);
            context.writeOutput("animate.mp4", output, "video/mp4");
            context.writeOutput("report.json", json.writeValueAsBytes(animation.report().document()), "application/json");
            if (animation.lastFrame().isPresent()) {
                context.publishPreview("animate.png", LabelledPng.encode(Thumbnails.fit(animation.lastFrame().get(), PREVIEW_SIDE),
                        provenance(parameters)));
            }
        }
        context.progress().report("done", 1);
    }

    private TrainedModels.Model motionModel(JobContext context, AnimateParameters parameters) {
        TrainedModels.Model model = trainedModels.require(context.tenantId(), parameters.modelId());
        if (!model.faceSets().containsKey(MotionArchitectures.ROLE)) {
            throw new JobFailure("model-cannot-animate", "Model " + parameters.modelId() + " learned " + model.faceSets().keySet()
                    + ", not motion from videos; animate takes a model of the motion family, or method warp.");
        }
        models.implementation(model.architecture(), model.engine());
        return model;
    }

    private TrainableModel load(JobContext context, TrainedModels.Model model, AnimateParameters parameters) throws IOException {
        context.progress().report("loading model", 0.02);
        TrainableModel loaded = models.load(TrainedModels.unpacked(context, TrainedModels.checkpointKey(model, parameters.checkpoint()), "model"),
                model.architecture(), model.engine());
        if (loaded instanceof MotionModel) {
            return loaded;
        }
        loaded.close();
        throw new JobFailure("model-cannot-animate", "Models of architecture '" + model.architecture() + "' do not learn motion, so they cannot animate.");
    }

    /** The crop the model's faces were extracted with, so the photo's face is aligned as they were. */
    private Coverage coverage(UUID tenant, TrainedModels.Model model) {
        return identities.coverage(tenant, model.faceSets().get(MotionArchitectures.ROLE)).map(Coverage::valueOf).orElse(Coverage.WHOLE_FACE);
    }

    private static Provenance provenance(AnimateParameters parameters) {
        return new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                "AI-generated animation: a photo made to move with the motion of another video"
                        + (parameters.learned() ? " by Doppel model " + parameters.modelId() : " by warping it over its landmarks")
                        + ". Not an untouched original.");
    }
}
