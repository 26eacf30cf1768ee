package dev.doppel.pipeline.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time spent in each named step of a stage, summed over frames: the honest breakdown a
 * benchmark and a job's metrics show (detect, landmarks, swap, blend, encode). Steps keep the
 * order they were first timed in. Not thread-safe: one converter, one thread.
 */
public final class StageTimes {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public <T> T time(String step, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(step, System.nanoTime() - start);
        }
    }

    public void add(String step, long elapsedNanos) {
        nanos.merge(step, elapsedNanos, Long::sum);
    }

    public long totalNanos() {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Milliseconds per frame for each step. */
    public Map<String, Double> millisPerFrame(long frames) {
        Map<String, Double> perFrame = new LinkedHashMap<>();
        nanos.forEach((step, total) -> perFrame.put(step, frames > 0 ? total / 1e6 / frames : 0.0));
        return perFrame;
    }
}
