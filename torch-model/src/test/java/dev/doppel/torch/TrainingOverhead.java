package dev.doppel.torch;

import dev.doppel.pipeline.swap.TrainingOverheadBenchmark;

/**
 * pipeline's {@link TrainingOverheadBenchmark} on PyTorch's Original: what a train job's loop
 * costs beside the bare step of this engine. A measurement, not a test: run {@code ./mvnw -B -o -q
 * -pl torch-model -Pbench -DskipTests test-compile exec:exec@training-overhead}, with that
 * benchmark's arguments in {@code -Dtraining-overhead.args}.
 */
public final class TrainingOverhead {

    private TrainingOverhead() {
    }

    public static void main(String[] args) throws Exception {
        TrainingOverheadBenchmark.run(TorchSwapModel::create, args);
    }
}
