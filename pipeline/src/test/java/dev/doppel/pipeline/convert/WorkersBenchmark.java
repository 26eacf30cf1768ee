package dev.doppel.pipeline.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.SegmentJoin;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.media.VideoSegments;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;

/**
 * One long clip on one worker against two, as a convert job in parts runs it: a 720p clip panning
 * across sample1 (a keyframe every 12 frames) converted whole with faceswap's full-width Original
 * at 64 px, then cut at its keyframes into parts ({@link VideoSegments}, a second of warm-up before
 * each) that one worker converts one after another, and that two convert at once, each part a
 * conversion of its own as a part job is, joined with the sound copied ({@link SegmentJoin}). Each
 * worker has its own model and face networks, as worker processes do; each converts a part once
 * unmeasured first. Two workers in one process share this machine's cores (and ND4J's threads),
 * so on one machine the ratio is the contention's, not a second machine's. A measurement, not a
 * test: run {@code ./mvnw -B -o -q -pl pipeline -Pbench -DskipTests test-compile
 * exec:exec@workers-benchmark} (the clip's length in seconds and the part's, 12 and 3 by default).
 */
public final class WorkersBenchmark {

    private static final long WARM_UP_MICROS = 1_000_000;
    private static final Provenance PROVENANCE = new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark");

    private WorkersBenchmark() {
    }

    private record Worker(FaceModels faces, SameDiffSwapModel model) implements AutoCloseable {

        Conversion conversion() {
            return new Conversion(faces, model, new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, BlendMode.FEATHER,
                    BlendOptions.DEFAULT, FaceSelection.ALL, null, 0.6, null), false);
        }

        void part(Path clip, VideoRewrite.Window window, Path out) throws Exception {
            conversion().videoPart(clip, out, VideoRewrite.Encoding.DEFAULT, PROVENANCE, window, Progress.NONE, Cancellation.NEVER);
        }

        @Override
        public void close() throws Exception {
            model.close();
            faces.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int partSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("doppel-workers-bench");
        try (Worker one = worker(); Worker two = worker()) {
            Path clip = PannedClip.write(dir.resolve("clip.mp4"), 1280, 720, seconds * PannedClip.FPS);
            List<VideoRewrite.Window> windows = VideoSegments.plan(clip, partSeconds * 1_000_000L, WARM_UP_MICROS);
            one.part(clip, windows.get(0), dir.resolve("warm-up-1.mp4"));
            two.part(clip, windows.get(0), dir.resolve("warm-up-2.mp4"));

            long start = System.nanoTime();
            VideoRewrite.Result whole = one.conversion().video(clip, dir.resolve("whole.mp4"), VideoRewrite.Encoding.DEFAULT, PROVENANCE,
                    Progress.NONE, Cancellation.NEVER);
            double wholeSeconds = (System.nanoTime() - start) / 1e9;

            double oneWorker = inParts(List.of(one), clip, partSeconds * 1_000_000L, dir, "one");
            double twoWorkers = inParts(List.of(one, two), clip, partSeconds * 1_000_000L, dir, "two");
            System.out.printf("720p, %d s (%d frames), %d parts of %d s or more; faceswap's Original at 64 px, feather blend:%n", seconds,
                    whole.frames(), windows.size(), partSeconds);
            System.out.printf("  one worker, whole:     %6.1f s (%.2f frames/s)%n", wholeSeconds, whole.frames() / wholeSeconds);
            System.out.printf("  one worker, in parts:  %6.1f s (%.2fx the whole: warm-ups, a model load a part, plan and join)%n", oneWorker,
                    oneWorker / wholeSeconds);
            System.out.printf("  two workers, in parts: %6.1f s (%.2fx faster than one worker whole, on this machine's %d cores)%n", twoWorkers,
                    wholeSeconds / twoWorkers, Runtime.getRuntime().availableProcessors());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static Worker worker() throws java.io.IOException {
        return new Worker(SampleFaces.models(), SameDiffSwapModel.create(new SwapModelOptions(64, 1.0, 5e-5, 1)));
    }

    /** Wall time from planning to the joined video, the workers taking the next part as each finishes one. */
    private static double inParts(List<Worker> workers, Path clip, long partMicros, Path dir, String name) throws Exception {
        long start = System.nanoTime();
        List<VideoRewrite.Window> windows = VideoSegments.plan(clip, partMicros, WARM_UP_MICROS);
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            parts.add(dir.resolve(name + "-part-" + i + ".mp4"));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Worker worker : workers) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < windows.size(); i = next.getAndIncrement()) {
                        worker.part(clip, windows.get(i), parts.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        SegmentJoin.join(clip, parts, dir.resolve(name + "-joined.mp4"), PROVENANCE, Cancellation.NEVER);
        return (System.nanoTime() - start) / 1e9;
    }
}
