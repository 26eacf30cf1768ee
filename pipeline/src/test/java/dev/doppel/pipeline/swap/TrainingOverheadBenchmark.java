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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import dev.doppel.pipeline.face.SampleFaces;
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
 * ({@link Trainer} over {@link SwapTraining}: faces drawn, augmented and warped every step, and a
 * checkpoint every {@code checkpointEvery} steps written as a train job writes one here: the
 * model saved, zipped (stored) and its preview grid rendered, the store's upload left out). Faces are
 * sample1's (A) and sample3's (B). A measurement, not a test: run {@code ./mvnw -B -o -q -pl
 * pipeline -Pbench -DskipTests test-compile exec:exec@training-overhead-benchmark}, arguments
 * {@code resolution widthScale batch steps checkpointEvery} (64 1.0 16 12 12 by default). The loop's rate is
 * also given without its checkpoints, and with one every 250 steps (a job's default) from the
 * checkpoint's measured cost. The resident size is read at each checkpoint (and its peak at the
 * end), so a long run shows whether memory grows with the steps.
 */
public final class TrainingOverheadBenchmark {

    /** TrainParameters' default, which the pipeline does not see. */
    private static final int DEFAULT_CHECKPOINT_EVERY = 250;

    private TrainingOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int resolution = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        double width = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        int checkpointEvery = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        List<TrainingFace> a = SampleFaces.aligned("sample1", 128).stream().map(TrainingFace::of).toList();
        List<TrainingFace> b = SampleFaces.aligned("sample3", 128).stream().map(TrainingFace::of).toList();
        Path dir = Files.createTempDirectory("doppel-training-overhead");
        try (SameDiffSwapModel model = SameDiffSwapModel.create(new SwapModelOptions(resolution, width, 5e-5, 1))) {
            BatchSampler samplerA = new BatchSampler(a, resolution, Augmentation.FACESWAP, RandomWarp.DEFAULT, 1);
            BatchSampler samplerB = new BatchSampler(b, resolution, Augmentation.FACESWAP, RandomWarp.DEFAULT, 2);
            TrainingBatch fixedA = samplerA.next(batch);
            TrainingBatch fixedB = samplerB.next(batch);
            long sampling = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                samplerA.next(batch);
                samplerB.next(batch);
            }
            double samplingMs = (System.nanoTime() - sampling) / 1e6 / steps;

            for (int i = 0; i < 2; i++) {
                model.trainStep(fixedA, fixedB);
            }
            // Half the bare steps before the loop and half after, so neither side gets the warmer machine.
            double bareSeconds = bare(model, fixedA, fixedB, steps / 2);

            TrainingSession session = new SwapTraining().open(model, Map.of("A", a, "B", b),
                    new TrainingPlan(batch, model.iteration() + steps, 7));
            long[] parts = new long[3];
            int[] checkpoints = {0};
            List<String> resident = new ArrayList<>();
            long loopStart = model.iteration();
            CheckpointSink sink = (s, losses) -> {
                checkpoint(s, dir.resolve("checkpoint-" + losses.iteration()), parts);
                checkpoints[0]++;
                resident.add(String.format("%,d MB after %d", residentMegabytes("VmRSS"), losses.iteration() - loopStart));
            };
            Trainer.Result job = new Trainer(session).train(new Trainer.Options(model.iteration() + steps, batch, checkpointEvery),
                    Progress.NONE, Cancellation.NEVER, sink);
            bareSeconds += bare(model, fixedA, fixedB, steps - steps / 2);

            double bareEgs = 2.0 * batch * steps / bareSeconds;
            System.out.printf("%d px, width %.2f, batch %d+%d, %d steps, a checkpoint every %d:%n", resolution, width, batch, batch, steps,
                    checkpointEvery);
            System.out.printf("  bare step:  %,.0f ms/step, %.2f EGs/s%n", bareSeconds * 1000 / steps, bareEgs);
            System.out.printf("  job's loop: %,.0f ms/step, %.2f EGs/s = %.3f of the bare step rate%n", job.seconds() * 1000 / steps,
                    job.egsPerSecond(), job.egsPerSecond() / bareEgs);
            double checkpointSeconds = (parts[0] + parts[1] + parts[2]) / 1e9;
            double loopEgs = 2.0 * batch * steps / (job.seconds() - checkpointSeconds);
            double perCheckpoint = checkpointSeconds / Math.max(1, checkpoints[0]);
            System.out.printf("  job's loop without its checkpoints: %.2f EGs/s = %.3f of the bare step rate; with a checkpoint every %d steps "
                    + "(the job's default) %.3f%n", loopEgs, loopEgs / bareEgs, DEFAULT_CHECKPOINT_EVERY,
                    loopEgs / bareEgs * DEFAULT_CHECKPOINT_EVERY * (2.0 * batch / loopEgs)
                            / (DEFAULT_CHECKPOINT_EVERY * (2.0 * batch / loopEgs) + perCheckpoint));
            int written = Math.max(1, checkpoints[0]);
            System.out.printf("  drawing and augmenting a step's faces alone: %.1f ms; a checkpoint: save %,.0f ms, zip %,.0f ms, preview %,.0f ms "
                    + "(%d written)%n", samplingMs, parts[0] / 1e6 / written, parts[1] / 1e6 / written, parts[2] / 1e6 / written, checkpoints[0]);
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

    private static double bare(SameDiffSwapModel model, TrainingBatch a, TrainingBatch b, int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.trainStep(a, b);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Save, zip and preview, each timed into {@code parts} (nanoseconds). */
    private static void checkpoint(TrainingSession session, Path folder, long[] parts) throws IOException {
        long start = System.nanoTime();
        session.model().save(folder);
        long saved = System.nanoTime();
        Path zip = folder.resolveSibling(folder.getFileName() + ".zip");
        // As the worker packs a checkpoint: stored, not deflated.
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(folder)) {
            out.setLevel(0);
            for (Path file : files.toList()) {
                out.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        long zipped = System.nanoTime();
        BufferedImage preview = session.preview();
        try (OutputStream png = Files.newOutputStream(folder.resolveSibling(folder.getFileName() + ".png"))) {
            ImageIO.write(preview, "png", png);
        }
        long previewed = System.nanoTime();
        parts[0] += saved - start;
        parts[1] += zipped - saved;
        parts[2] += previewed - zipped;
        delete(folder);
        Files.delete(zip);
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
