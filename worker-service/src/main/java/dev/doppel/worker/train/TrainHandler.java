package dev.doppel.worker.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.train.GanParameters;
import dev.doppel.model.train.TrainParameters;
import dev.doppel.pipeline.family.CheckpointArchive;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.FineTunable;
import dev.doppel.pipeline.family.GanRefinement;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.UnsuitableFaces;
import dev.doppel.pipeline.family.ModelManifest;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.train.TrainingFace;
import dev.doppel.worker.models.TrainedModels;
import dev.doppel.worker.models.WorkerModels;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import dev.doppel.worker.runtime.JobHandlers;
import dev.doppel.worker.runtime.JobStopped;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The train stage of every model family: the architecture's face sets loaded by role, the model
 * built (or resumed from the newest checkpoint, after its manifest is checked) on the job's engine,
 * and the family's recipe stepped by the common loop. It checkpoints (weights, optimiser state and a
 * manifest) every N iterations with the family's preview and the named losses, keeps the best-loss
 * checkpoint as a backup, and a resumed attempt continues from the newest checkpoint. A job that
 * continues a trained model ({@code continueFrom}) starts from that model's newest checkpoint, as a
 * model of its own; with {@code gan} the family's recipe refines it from the iteration asked. A job
 * with a {@code baseModel} builds a new model and copies that model's weights into it; a pretrain job
 * gives its pooled face sets in every role.
 */
@Component
class TrainHandler implements JobHandler<TrainParameters> {

    private static final String LATEST = "latest.zip";
    private static final String BEST = "best.zip";

    private final TrainingFaces faces;
    private final ModelRows models;
    private final WorkerModels workerModels;
    private final ModelArchitectures architectures;
    private final TrainedModels trainedModels;
    private final JsonMapper json;

    TrainHandler(TrainingFaces faces, ModelRows models, WorkerModels workerModels, ModelArchitectures architectures,
            TrainedModels trainedModels, JsonMapper json) {
        this.faces = faces;
        this.trainedModels = trainedModels;
        this.models = models;
        this.workerModels = workerModels;
        this.architectures = architectures;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return TrainParameters.KIND;
    }

    @Override
    public TrainParameters parse(JsonNode parameters) {
        return TrainParameters.parse(parameters, architectures);
    }

    @Override
    public Set<JobRoute> routes(Set<String> engines) {
        return JobHandlers.perEngine(kind(), engines);
    }

    @Override
    public Map<String, String> throughputGauges() {
        return Map.of("doppel.train.examples.per.second", "egsPerSecond");
    }

    @Override
    public void run(JobContext context, TrainParameters parameters) throws Exception {
        ModelArchitecture architecture = workerModels.architecture(parameters.architecture());
        ModelImplementation implementation = workerModels.implementation(parameters.architecture(), parameters.engine());
        TrainingRecipe recipe = workerModels.recipe(architecture);
        Optional<Path> saved = savedModel(context);
        if (saved.isEmpty() && parameters.continueFrom() != null) {
            saved = Optional.of(baseModel(context, parameters, parameters.continueFrom(), "continue"));
        }
        Optional<Path> base = saved.isEmpty() && parameters.baseModel() != null
                ? Optional.of(baseModel(context, parameters, parameters.baseModel(), "start from"))
                : Optional.empty();
        for (Path checkpoint : (saved.isPresent() ? saved : base).stream().toList()) {
            workerModels.checkRunnable(checkpoint, parameters.architecture(), parameters.engine());
        }
        context.progress().report("loading faces", 0);
        Map<String, List<TrainingFace>> byRole = facesByRole(context, parameters, architecture);
        ModelSettings settings = new ModelSettings(parameters.resolution(), parameters.widthScale(), parameters.learningRate(),
                context.jobId().getMostSignificantBits(), parameters.options());
        try (TrainableModel model = saved.isPresent()
                ? implementation.load(saved.get())
                : implementation.create(settings)) {
            String provenance = base.isPresent() ? startFrom(model, implementation, base.get(), parameters) : null;
            TrainingSession session = open(recipe, model, byRole, new TrainingPlan(parameters.batchSize(), parameters.iterations(),
                    settings.seed() + model.iteration(), refinement(parameters), parameters.pretrain()));
            models.ensure(context.lease(), parameters, json.writeValueAsString(settings), provenance);
            context.metric("parameters", model.parameterCount());
            context.metric("resumedFrom", model.iteration());
            Checkpoints checkpoints = new Checkpoints(context, session, parameters, architecture, implementation, settings);
            try {
                new Trainer(session).train(new Trainer.Options(parameters.iterations(), parameters.batchSize(), parameters.checkpointEvery()),
                        context.progress(), context.cancellation(), (s, losses) -> checkpoints.save(losses));
            } catch (JobStopped stopped) {
                // A cancel or a shutdown keeps what was learned since the last checkpoint; a lost lease writes nothing.
                if (stopped.reason() != JobStopped.Reason.LEASE_LOST) {
                    checkpoints.saveOnStop();
                }
                throw stopped;
            }
            if (checkpoints.lastPreview() == null) {
                checkpoints.saveOnStop();
            }
            context.writeOutput("preview.png", checkpoints.lastPreview(), "image/png");
        }
    }

    /**
     * The faces of each role of the architecture; a pretrain job's face sets are many people's, pooled
     * and given in every role (DeepFaceLab feeds its pretrain faces as both src and dst).
     */
    private Map<String, List<TrainingFace>> facesByRole(JobContext context, TrainParameters parameters, ModelArchitecture architecture)
            throws IOException {
        Map<String, List<TrainingFace>> byRole = new LinkedHashMap<>();
        if (parameters.pretrain()) {
            List<TrainingFace> pool = new ArrayList<>();
            for (UUID faceSetId : parameters.faceSets().values()) {
                pool.addAll(load(context, faceSetId));
            }
            architecture.inputs().forEach(role -> byRole.put(role, List.copyOf(pool)));
            return byRole;
        }
        for (String role : architecture.inputs()) {
            byRole.put(role, load(context, parameters.faceSet(role)));
        }
        return byRole;
    }

    /**
     * A new model takes the base model's weights; its optimiser and iteration start afresh. What was
     * copied from which model at which iteration is the new model's provenance (its row's {@code base_model}).
     */
    private String startFrom(TrainableModel model, ModelImplementation implementation, Path base, TrainParameters parameters)
            throws IOException {
        if (!(model instanceof FineTunable tunable)) {
            throw new JobFailure("model-cannot-start-from-base", "A '" + parameters.architecture() + "' on " + parameters.engine()
                    + " cannot start from another model's weights.");
        }
        try (TrainableModel baseModel = implementation.load(base)) {
            List<String> parts;
            try {
                parts = tunable.startFrom(baseModel);
            } catch (IllegalArgumentException differs) {
                throw new JobFailure("model-cannot-start-from-base", "Model " + parameters.baseModel() + " cannot give its weights: "
                        + differs.getMessage());
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("id", parameters.baseModel().toString());
            provenance.put("architecture", parameters.architecture());
            provenance.put("iteration", baseModel.iteration());
            provenance.put("parts", parts);
            return json.writeValueAsString(provenance);
        }
    }

    /** The newest checkpoint of an earlier attempt, unpacked, with its manifest checked before any face is loaded. */
    private static Optional<Path> savedModel(JobContext context) throws IOException {
        Optional<Path> checkpoint = context.loadCheckpoint(LATEST);
        if (checkpoint.isEmpty()) {
            return Optional.empty();
        }
        Path folder = context.scratch().resolve("resume");
        CheckpointArchive.unpack(checkpoint.get(), folder);
        return Optional.of(folder);
    }

    /** A family that cannot learn from these faces (a motion model given only photos) says why, before any model is recorded. */
    private static TrainingSession open(TrainingRecipe recipe, TrainableModel model, Map<String, List<TrainingFace>> faces, TrainingPlan plan) {
        try {
            return recipe.open(model, faces, plan);
        } catch (UnsuitableFaces unsuitable) {
            String reason = unsuitable.getMessage();
            throw new JobFailure("faces-unsuitable", Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
        }
    }

    /**
     * The newest checkpoint of the model this job continues or starts from, unpacked. The API checked
     * it when the job came in; it is checked again here, since the model may have been deleted or be
     * training still.
     */
    private Path baseModel(JobContext context, TrainParameters parameters, UUID baseId, String use) throws IOException {
        TrainedModels.Model base = trainedModels.find(context.tenantId(), baseId)
                .orElseThrow(() -> new JobFailure("model-not-found", "Model " + baseId + " to " + use + " does not exist."));
        String failure = parameters.continueFrom() != null ? "model-cannot-continue" : "model-cannot-start-from-base";
        if (!base.architecture().equals(parameters.architecture()) || !base.engine().equals(parameters.engine())) {
            throw new JobFailure(failure, "Model " + baseId + " is a '" + base.architecture() + "' on " + base.engine()
                    + "; this job trains a '" + parameters.architecture() + "' on " + parameters.engine() + ".");
        }
        if (base.latestCheckpointKey() == null) {
            throw new JobFailure("model-has-no-checkpoint", "Model " + baseId + " has no checkpoint to " + use + " yet.");
        }
        if (parameters.continueFrom() != null && base.iteration() >= parameters.iterations()) {
            throw new JobFailure(failure, "Model " + baseId + " has trained " + base.iteration()
                    + " iterations already; ask for more than that in 'iterations'.");
        }
        context.progress().report("loading model " + baseId + " to " + use, 0);
        return TrainedModels.unpacked(context, base.latestCheckpointKey(), "base");
    }

    private static GanRefinement refinement(TrainParameters parameters) {
        GanParameters gan = parameters.gan();
        return gan == null ? null : new GanRefinement(gan.fromIteration(), gan.power(), gan.patchSize(), gan.baseChannels());
    }

    private List<TrainingFace> load(JobContext context, UUID faceSetId) throws IOException {
        List<TrainingFaces.StoredFace> stored = faces.of(context.tenantId(), faceSetId);
        if (stored.isEmpty()) {
            throw new JobFailure("face-set-has-no-faces", "Face set " + faceSetId + " has no extracted faces; run an extract job on it first.");
        }
        List<TrainingFace> loaded = new ArrayList<>();
        for (TrainingFaces.StoredFace face : stored) {
            context.cancellation().throwIfStopped();
            loaded.add(faces.load(face));
        }
        return loaded;
    }

    /** Writes one checkpoint: model and manifest, backup if best, preview, named losses, model row; the uploads beside the next steps. */
    private final class Checkpoints {

        private final JobContext context;
        private final TrainingSession session;
        private final TrainParameters parameters;
        private final ModelArchitecture architecture;
        private final ModelImplementation implementation;
        private final ModelSettings settings;
        private final long startIteration;
        private final long startNanos = System.nanoTime();
        private Double bestLoss;
        private NamedLosses lastLosses;
        private byte[] lastPreview;

        Checkpoints(JobContext context, TrainingSession session, TrainParameters parameters, ModelArchitecture architecture,
                ModelImplementation implementation, ModelSettings settings) {
            this.context = context;
            this.session = session;
            this.parameters = parameters;
            this.architecture = architecture;
            this.implementation = implementation;
            this.settings = settings;
            this.startIteration = session.model().iteration();
            this.bestLoss = models.bestLoss(context.jobId());
        }

        /** faceswap's figure over this attempt: 2 x batch x iterations / seconds. */
        private double egsPerSecond() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return seconds > 0 ? 2.0 * parameters.batchSize() * (session.model().iteration() - startIteration) / seconds : 0;
        }

        CheckpointSink.Publication save(NamedLosses losses) throws IOException {
            lastLosses = losses;
            return write(losses, true);
        }

        /** Between checkpoints no loss was measured for the current iteration: the history keeps its last real point. */
        void saveOnStop() throws IOException {
            long iteration = session.model().iteration();
            if (iteration > startIteration || lastLosses == null) {
                write(lastLosses != null ? lastLosses.at(iteration) : new NamedLosses(iteration, Map.of()), false).publish();
            }
        }

        /**
         * Takes the model's state now (its files, its preview, its held-out figures) and answers the rest:
         * packing, uploading and recording them, which touches the model no more.
         */
        private CheckpointSink.Publication write(NamedLosses losses, boolean measured) throws IOException {
            double egsPerSecond = egsPerSecond();
            TrainableModel model = session.model();
            Path folder = Files.createDirectories(context.scratch().resolve("checkpoint-" + losses.iteration()));
            Path zip = context.scratch().resolve("checkpoint-" + losses.iteration() + ".zip");
            model.save(folder);
            Map<String, String> faceSets = new LinkedHashMap<>();
            parameters.faceSets().forEach((role, id) -> faceSets.put(role, id.toString()));
            new ModelManifest(parameters.architecture(), parameters.engine(), implementation.formatVersion(), model.resolution(), settings,
                    model.iteration(), faceSets).write(folder);
            BufferedImage grid = session.preview();
            byte[] preview = LabelledPng.encode(grid, new Provenance(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
                    "Training preview of model " + context.jobId() + " at iteration " + losses.iteration()
                            + " (" + session.previewLayout() + "), made by Doppel."));
            lastPreview = preview;
            Map<String, Double> validation = session.validation();
            return () -> {
                CheckpointArchive.pack(folder, zip);
                String latestKey = context.saveCheckpoint(LATEST, zip);
                String bestKey = null;
                double compared = losses.sumOf(architecture.losses());
                if (measured && (bestLoss == null || compared < bestLoss)) {
                    bestKey = context.saveCheckpoint(BEST, zip);
                    bestLoss = compared;
                }
                String previewKey = context.publishPreview("preview.png", preview);
                if (measured) {
                    models.recordLoss(context.lease(), losses);
                }
                models.checkpointed(context.lease(), losses, egsPerSecond, latestKey, bestKey, bestKey == null ? null : compared,
                        previewKey);
                context.metric("iteration", losses.iteration());
                context.metric("losses", losses.values());
                context.metric("egsPerSecond", egsPerSecond);
                if (!validation.isEmpty()) {
                    context.metric("validation", validation);
                }
                deleteQuietly(folder, zip);
            };
        }

        byte[] lastPreview() {
            return lastPreview;
        }

        private void deleteQuietly(Path folder, Path zip) throws IOException {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            Files.deleteIfExists(zip);
        }
    }
}
