package dev.doppel.pipeline.swap;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointArchive;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.nn.NativeHeap;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.train.Augmentation;
import dev.doppel.pipeline.train.RandomWarp;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * What a train job's loop costs beside its steps: the bare step rate of faceswap's Original on one
 * fixed batch (as TrainingBenchmark times it) against the same model trained by the job's loop
 * ({@link Trainer} over {@link SwapTraining}: faces drawn, augmented and warped for every step on
 * the prefetch thread). First without checkpoints, in rounds of bare and loop steps taken in turn
 * (this machine drifts by as much as the effect); then with a checkpoint every {@code
 * checkpointEvery} steps written as a train job writes one: the model saved and its preview grid
 * rendered between two steps, then packed ({@link CheckpointArchive}) beside the next ones, the
 * store's upload left out, the last one waited for as a job waits. Faces are sample1's (A) and
 * sample3's (B). A measurement, not a test: run {@code ./mvnw -B -o -q -pl pipeline -Pbench
 * -DskipTests test-compile exec:exec@training-overhead-benchmark} (SameDiff; torch-model's
 * {@code training-overhead} execution runs it on PyTorch), arguments {@code resolution widthScale
 * batch rounds stepsPerRound steps checkpointEvery} (64 1.0 16 4 3 16 8 by default) in {@code
 * -Dtraining-overhead.args}. The rate with
 * a checkpoint every 250 steps (a job's default) follows from what a checkpoint took on the
 * training thread and what the steps beside its publication lost. The resident size is read at
 * each checkpoint (and its peak at the end), so a long run shows whether memory grows with the
 * steps.
 */
public final class TrainingOverheadBenchmark {

    /** TrainParameters' default, which the pipeline does not see. */
    private static final int DEFAULT_CHECKPOINT_EVERY = 250;

    private TrainingOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(SameDiffSwapModel::create, args);
    }

    /** The benchmark on the engine whose Original {@code create} makes (PyTorch's runs it from torch-model). */
    public static void run(Function<SwapModelOptions, SwapModel> create, String[] given) throws Exception {
        // Maven passes them as one property, "64 1.0 16 4 3 500 250", or an empty one.
        String joined = String.join(" ", given).trim();
        String[] args = joined.isEmpty() ? new String[0] : joined.split("\\s+");
        int resolution = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        double width = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int perRound = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int checkpointEvery = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        List<TrainingFace> a = SampleFaces.aligned("sample1", 128).stream().map(TrainingFace::of).toList();
        List<TrainingFace> b = SampleFaces.aligned("sample3", 128).stream().map(TrainingFace::of).toList();
        Path dir = Files.createTempDirectory("doppel-training-overhead");
        try (SwapModel model = create.apply(new SwapModelOptions(resolution, width, 5e-5, 1))) {
            BatchSampler samplerA = new BatchSampler(a, resolution, Augmentation.FACESWAP, RandomWarp.DEFAULT, 1);
            BatchSampler samplerB = new BatchSampler(b, resolution, Augmentation.FACESWAP, RandomWarp.DEFAULT, 2);
            TrainingBatch fixedA = samplerA.next(batch);
            TrainingBatch fixedB = samplerB.next(batch);
            long sampling = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                samplerA.next(batch);
                samplerB.next(batch);
            }
            double samplingMs = (System.nanoTime() - sampling) / 1e6 / perRound;
            for (int i = 0; i < 2; i++) {
                model.trainStep(fixedA, fixedB);
            }
            TrainingSession session = new SwapTraining().open(model, Map.of("A", a, "B", b),
                    new TrainingPlan(batch, Long.MAX_VALUE, 7));
            Trainer trainer = new Trainer(session);
            // An untimed round first: the loop's own Java (augmentation, warps) is compiled by then, as in a job's first minutes.
            trainer.train(new Trainer.Options(model.iteration() + perRound, batch, Long.MAX_VALUE), Progress.NONE, Cancellation.NEVER,
                    CheckpointSink.NONE);

            double bareSeconds = 0;
            int bareSteps = 0;
            double loopSeconds = 0;
            for (int round = 0; round < rounds; round++) {
                bareSeconds += bare(model, fixedA, fixedB, perRound);
                bareSteps += perRound;
                loopSeconds += trainer.train(new Trainer.Options(model.iteration() + perRound, batch, Long.MAX_VALUE), Progress.NONE,
                        Cancellation.NEVER, CheckpointSink.NONE).seconds();
            }

            long[] parts = new long[3];
            int[] checkpoints = {0};
            List<String> resident = new ArrayList<>();
            long loopStart = model.iteration();
            CheckpointSink sink = (s, losses) -> {
                checkpoints[0]++;
                resident.add(String.format("%,d MB after %d", residentMegabytes("VmRSS"), losses.iteration() - loopStart));
                return checkpoint(s, dir.resolve("checkpoint-" + losses.iteration()), parts);
            };
            Trainer.Result job = trainer.train(new Trainer.Options(loopStart + steps, batch, checkpointEvery), Progress.NONE,
                    Cancellation.NEVER, sink);
            bareSeconds += bare(model, fixedA, fixedB, perRound);
            bareSteps += perRound;

            double bareMs = bareSeconds * 1000 / bareSteps;
            double loopMs = loopSeconds * 1000 / (rounds * perRound);
            double jobMs = job.seconds() * 1000 / steps;
            int written = Math.max(1, checkpoints[0]);
            double takenMs = (parts[0] + parts[1]) / 1e6 / written;
            double steppingMs = (job.seconds() - job.checkpointSeconds()) * 1000 / steps;
            System.out.printf("%s, %d px, width %.2f, batch %d+%d:%n", model.getClass().getSimpleName(), resolution, width, batch, batch);
            System.out.printf("  bare step: %,.0f ms/step, %.2f EGs/s (%d steps)%n", bareMs, 2000.0 * batch / bareMs, bareSteps);
            System.out.printf("  job's loop without checkpoints: %,.0f ms/step = %.3f of the bare step rate (%d rounds of %d steps each, "
                    + "in turn with the bare ones)%n", loopMs, bareMs / loopMs, rounds, perRound);
            System.out.printf("  job's loop with a checkpoint every %d steps: %,.0f ms/step = %.3f of the bare step rate (%d steps, %d checkpoints, "
                    + "%.1f s of it on them on the training thread, the last one's publication waited for)%n", checkpointEvery, jobMs,
                    bareMs / jobMs, steps, checkpoints[0], job.checkpointSeconds());
            System.out.printf("  a checkpoint: taken between two steps in %,.0f ms (save %,.0f ms, preview %,.0f ms), zipped beside the next steps "
                    + "in %,.0f ms%n", takenMs, parts[0] / 1e6 / written, parts[1] / 1e6 / written, parts[2] / 1e6 / written);
            // What the steps lost to the publications they ran beside; the last one's was waited for, not overlapped.
            double besideMs = Math.max(0, steppingMs - loopMs) * steps / Math.max(1, checkpoints[0] - 1);
            System.out.printf("  the steps beside a publication took %,.0f ms longer in all; with a checkpoint every %d steps (the job's default): "
                    + "%.3f of the bare step rate%n", besideMs, DEFAULT_CHECKPOINT_EVERY,
                    bareMs / (loopMs + (takenMs + besideMs) / DEFAULT_CHECKPOINT_EVERY));
            System.out.printf("  drawing and augmenting a step's faces alone: %.1f ms%n", samplingMs);
            System.out.printf("  resident size at each checkpoint: %s steps; peak %,d MB (%s)%n", String.join(", ", resident),
                    residentMegabytes("VmHWM"), NativeHeap.describe());
        } finally {
            delete(dir);
        }
    }

    /** A line of /proc/self/status in MB: VmRSS now, VmHWM the peak so far. */
    private static long residentMegabytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }

    private static double bare(SwapModel model, TrainingBatch a, TrainingBatch b, int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.trainStep(a, b);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Save and preview now, zip in the publication, each timed into {@code parts} (nanoseconds). */
    private static CheckpointSink.Publication checkpoint(TrainingSession session, Path folder, long[] parts) throws IOException {
        long start = System.nanoTime();
        session.model().save(folder);
        long saved = System.nanoTime();
        BufferedImage preview = session.preview();
        try (OutputStream png = Files.newOutputStream(folder.resolveSibling(folder.getFileName() + ".png"))) {
            ImageIO.write(preview, "png", png);
        }
        parts[0] += saved - start;
        parts[1] += System.nanoTime() - saved;
        return () -> {
            long zipping = System.nanoTime();
            Path zip = folder.resolveSibling(folder.getFileName() + ".zip");
            CheckpointArchive.pack(folder, zip);
            parts[2] += System.nanoTime() - zipping;
            delete(folder);
            Files.delete(zip);
        };
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
