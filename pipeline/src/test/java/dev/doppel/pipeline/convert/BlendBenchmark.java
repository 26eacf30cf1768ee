package dev.doppel.pipeline.convert;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Milliseconds to blend one 300 px face into a 640 x 480 frame: feather at its defaults and
 * eroded 0.05 with feather 1/20, and seamless with the sweeps and residual its solver ended on.
 * Median of several runs after a warm-up, on synthetic faces, so no networks or sample photos
 * are loaded. A measurement, not a test: run {@code ./mvnw -B -pl pipeline -Pbench verify
 * -DskipTests}, or alone once the tests are compiled, {@code ./mvnw -B -pl pipeline -Pbench
 * exec:exec@blend-benchmark} (argument: runs).
 */
public final class BlendBenchmark {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int SIDE = 300;
    private static final int WARM_UP = 5;

    private BlendBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        feather(runs);
        seamless(runs);
    }

    private static void feather(int runs) {
        Random random = new Random(9);
        byte[] frame = Patches.frame(WIDTH, HEIGHT, (i, c) -> random.nextInt(256));
        FacePatch patch = Patches.disc(170, 90, SIDE, 130, (u, v, c) -> (u * 7 + v * 3 + c * 50) % 256);
        BlendOptions eroded = new BlendOptions(0.05, 1.0 / 20);
        double plain = median(runs, () -> time(() -> BlendMode.FEATHER.blend(patch, frame.clone(), WIDTH, HEIGHT, BlendOptions.DEFAULT)));
        double erodedMs = median(runs, () -> time(() -> BlendMode.FEATHER.blend(patch, frame.clone(), WIDTH, HEIGHT, eroded)));
        System.out.printf("FEATHER %d x %d: %.1f ms default, %.1f ms eroded 0.05 feather 1/20%n", SIDE, SIDE, plain, erodedMs);
    }

    private static void seamless(int runs) {
        int[] frameColour = {60, 90, 120};
        int[] faceColour = {200, 150, 100};
        byte[] frame = Patches.frame(WIDTH, HEIGHT, (i, c) -> frameColour[c] + (i % WIDTH) / 20);
        FacePatch patch = Patches.disc(170, 90, SIDE, 130,
                (u, v, c) -> (float) (faceColour[c] + 15 * Math.sin(u / 3.0) * Math.cos(v / 4.0)));
        SeamlessClone.Solution[] last = new SeamlessClone.Solution[1];
        double ms = median(runs, () -> time(() -> last[0] = SeamlessClone.blend(patch, frame.clone(), WIDTH, HEIGHT, BlendOptions.DEFAULT)));
        System.out.printf("SEAMLESS %d x %d: %.1f ms, %d sweeps, residual %.4f%n", SIDE, SIDE, ms, last[0].sweeps(), last[0].residual());
    }

    private static long time(Runnable blend) {
        long start = System.nanoTime();
        blend.run();
        return System.nanoTime() - start;
    }

    /** Milliseconds, the median of {@code runs} after {@link #WARM_UP} untimed ones, so the JIT has compiled the loops. */
    private static double median(int runs, LongSupplier nanos) {
        for (int i = 0; i < WARM_UP; i++) {
            nanos.getAsLong();
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = nanos.getAsLong();
        }
        Arrays.sort(times);
        return times[runs / 2] / 1e6;
    }
}
