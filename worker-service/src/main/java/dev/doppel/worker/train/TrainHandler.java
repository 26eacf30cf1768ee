package dev.doppel.worker.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.train.TrainParameters;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapModels;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.BatchSampler;
import dev.doppel.pipeline.train.PreviewGrid;
import dev.doppel.pipeline.train.RandomWarp;
import dev.doppel.pipeline.train.Trainer;
import dev.doppel.pipeline.train.TrainingFace;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobHandler;
import dev.doppel.worker.runtime.JobStopped;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The train stage: a DeepFakes model learns both face sets' extracted faces. It checkpoints (weights
 * and optimiser state) every N iterations with a preview grid and the loss, keeps the best-loss
 * checkpoint as a backup, and a resumed attempt continues from the newest checkpoint.
 */
@Component
class TrainHandler implements JobHandler {

    private static final String LATEST = "latest.zip";
    private static final String BEST = "best.zip";
    private static final int PREVIEW_FACES = 4;

    private final TrainingFaces faces;
    private final ModelRows models;
    private final JsonMapper json;

    TrainHandler(TrainingFaces faces, ModelRows models, JsonMapper json) {
        this.faces = faces;
        this.models = models;
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAIN;
    }

    @Override
    public void run(JobContext context) throws Exception {
        TrainParameters parameters = parameters(context);
        context.progress().report("loading faces", 0);
        List<TrainingFace> a = load(context, parameters.faceSetA());
        List<TrainingFace> b = load(context, parameters.faceSetB());
        SwapModelOptions options = new SwapModelOptions(parameters.resolution(), parameters.widthScale(), parameters.learningRate(),
                context.jobId().getMostSignificantBits());
        models.ensure(context.lease(), parameters, json.writeValueAsString(options));
        try (SwapModel model = resumeOrCreate(context, parameters, options)) {
            context.metric("parameters", model.parameterCount());
            context.metric("resumedFrom", model.iteration());
            Checkpoints checkpoints = new Checkpoints(context, model, a, b, parameters.batchSize());
            Trainer trainer = new Trainer(model,
                    new BatchSampler(a, model.resolution(), Augmentation.FACESWAP, RandomWarp.DEFAULT, options.seed() + model.iteration()),
                    new BatchSampler(b, model.resolution(), Augmentation.FACESWAP, RandomWarp.DEFAULT, options.seed() + model.iteration() + 1));
            try {
                trainer.train(new Trainer.Options(parameters.iterations(), parameters.batchSize(), parameters.checkpointEvery()),
                        context.progress(), context.cancellation(), (saved, iteration, losses) -> checkpoints.save(losses));
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

    private static TrainParameters parameters(JobContext context) {
        try {
            return TrainParameters.parse(context.parameters());
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-parameters", e.getMessage());
        }
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

    private SwapModel resumeOrCreate(JobContext context, TrainParameters parameters, SwapModelOptions options) throws IOException {
        Optional<Path> checkpoint = context.loadCheckpoint(LATEST);
        if (checkpoint.isEmpty()) {
            return SwapModels.create(parameters.architecture(), options);
        }
        Path folder = context.scratch().resolve("resume");
        CheckpointArchive.unpack(checkpoint.get(), folder);
        return SwapModels.load(parameters.architecture(), folder);
    }

    /** Writes one checkpoint: model, backup if best, preview grid, loss, model row. */
    private final class Checkpoints {

        private final JobContext context;
        private final SwapModel model;
        private final List<TrainingFace> previewA;
        private final List<TrainingFace> previewB;
        private final int batchSize;
        private final long startIteration;
        private final long startNanos = System.nanoTime();
        private Double bestLoss;
        private StepLosses lastLosses;
        private byte[] lastPreview;

        Checkpoints(JobContext context, SwapModel model, List<TrainingFace> a, List<TrainingFace> b, int batchSize) {
            this.context = context;
            this.model = model;
            this.batchSize = batchSize;
            this.startIteration = model.iteration();
            this.previewA = a.subList(0, Math.min(PREVIEW_FACES, a.size()));
            this.previewB = b.subList(0, Math.min(PREVIEW_FACES, b.size()));
            this.bestLoss = models.bestLoss(context.jobId());
        }

        /** faceswap's figure over this attempt: 2 x batch x iterations / seconds. */
        private double egsPerSecond() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return seconds > 0 ? 2.0 * batchSize * (model.iteration() - startIteration) / seconds : 0;
        }

        void save(StepLosses losses) throws IOException {
            lastLosses = losses;
            write(losses, true);
        }

        /** Between checkpoints no loss was measured for the current iteration: the history keeps its last real point. */
        void saveOnStop() throws IOException {
            StepLosses known = lastLosses != null ? lastLosses : new StepLosses(model.iteration(), Double.NaN, Double.NaN);
            if (model.iteration() > startIteration || lastLosses == null) {
                write(new StepLosses(model.iteration(), known.lossA(), known.lossB()), false);
            }
        }

        private void write(StepLosses losses, boolean measured) throws IOException {
            double egsPerSecond = egsPerSecond();
            Path folder = Files.createDirectories(context.scratch().resolve("checkpoint-" + losses.iteration()));
            Path zip = context.scratch().resolve("checkpoint-" + losses.iteration() + ".zip");
            model.save(folder);
            CheckpointArchive.pack(folder, zip);
            String latestKey = context.saveCheckpoint(LATEST, zip);
            double total = losses.lossA() + losses.lossB();
            String bestKey = null;
            if (measured && (bestLoss == null || total < bestLoss)) {
                bestKey = context.saveCheckpoint(BEST, zip);
                bestLoss = total;
            }
            BufferedImage grid = PreviewGrid.render(model, previewA, previewB);
            lastPreview = LabelledPng.encode(grid, new Provenance(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
                    "Training preview of model " + context.jobId() + " at iteration " + losses.iteration()
                            + " (columns: A, A to A, A to B, B, B to B, B to A), made by Doppel."));
            String previewKey = context.publishPreview("preview.png", lastPreview);
            if (measured) {
                models.recordLoss(context.lease(), losses);
            }
            models.checkpointed(context.lease(), losses, egsPerSecond, latestKey, bestKey, bestKey == null ? null : total, previewKey);
            context.metric("iteration", losses.iteration());
            context.metric("lossA", losses.lossA());
            context.metric("lossB", losses.lossB());
            context.metric("egsPerSecond", egsPerSecond);
            deleteQuietly(folder, zip);
        }

        byte[] lastPreview() {
            return lastPreview;
        }

        private void deleteQuietly(Path folder, Path zip) throws IOException {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            Files.deleteIfExists(zip);
        }
    }
}
