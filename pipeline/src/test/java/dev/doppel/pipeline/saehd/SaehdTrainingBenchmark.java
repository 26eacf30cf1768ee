package dev.doppel.pipeline.saehd;

import java.util.Map;

import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.swap.TrainingBatch;

/**
 * Training speed of SAEHD on SameDiff: parameters and ms per step of DFL's default model (liae-ud,
 * 128 px, ae 256, e 64, d 64, mask 22) at batch 4 + 4. A measurement, not a test. Run with
 * {@code ./mvnw -B -pl pipeline -Pbench verify}, or alone with arguments {@code design resolution batch steps}.
 * Threads: OMP_NUM_THREADS (2 in the profile).
 */
public final class SaehdTrainingBenchmark {

    private SaehdTrainingBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 4) {
            run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        run(SaehdOptions.DEFAULT_DESIGN, 128, 4, 5);
    }

    private static void run(String design, int resolution, int batch, int steps) {
        SaehdOptions options = SaehdOptions.of(new ModelSettings(resolution, 1.0, 5e-5, 1, Map.of("design", design)));
        try (SameDiffSaehdModel model = SameDiffSaehdModel.create(options)) {
            TrainingBatch a = SyntheticFaces.batch(batch, resolution, 1);
            TrainingBatch b = SyntheticFaces.batch(batch, resolution, 2);
            // The first step builds the gradient graph and the optimiser state: left out.
            model.trainStep(a, b);
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(a, b);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("SAEHD %s %d px (%.2f M parameters), batch %d+%d, threads %s: %.0f ms/step, %.1f EGs/s%n",
                    options.archi(), resolution, model.parameterCount() / 1e6, batch, batch,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), seconds * 1000 / steps, 2.0 * batch * steps / seconds);
        }
    }
}
