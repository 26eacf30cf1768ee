package dev.doppel.pipeline.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.family.TrainingSession;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Whether the tiny model learns the moving shape's motion, not only its picture: held-out frames
 * animated from their source beat the source copied. Too long for CI (a few hundred steps); run it
 * by name: {@code ./mvnw -B -o -pl pipeline test -Dtest=MotionTrainingBenchmark -Dfomm.steps=300}.
 */
class MotionTrainingBenchmark {

    @Test
    void timesTheDefaultModelAt64Px() {
        try (SameDiffMotionModel model = SameDiffMotionModel.create(new ModelSettings(64, 1, 2e-4, 1))) {
            var sources = SameDiffMotionModelTest.random(4, 64, 1);
            var drivings = SameDiffMotionModelTest.random(4, 64, 2);
            model.trainStep(sources, drivings);
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                model.trainStep(sources, drivings);
            }
            System.out.printf("default fomm at 64 px, batch 4: %d parameters, %.0f ms/step%n", model.parameterCount(),
                    (System.nanoTime() - started) / 3e6);
        }
    }

    @Test
    void animatesHeldOutFramesBetterThanCopyingTheSource() {
        int steps = Integer.getInteger("fomm.steps", 300);
        List<TrainingFace> clip = MovingShapeClip.of("clip-1", 40, MotionTrainingTest.TINY.settings().resolution());
        try (SameDiffMotionModel model = SameDiffMotionModel.create(MotionTrainingTest.TINY)) {
            TrainingSession session = new MotionTraining().open(model, Map.of(MotionTraining.ROLE, clip), new TrainingPlan(4, steps, 1));
            long started = System.nanoTime();
            for (int i = 1; i <= steps; i++) {
                var losses = session.step();
                if (i % 25 == 0) {
                    MotionTraining.HeldOutL1 l1 = MotionTraining.heldOutL1(model, clip);
                    System.out.printf("step %d, %.0f ms/step: %s; held-out L1 %.4f, copying the source %.4f%n", i,
                            (System.nanoTime() - started) / 1e6 / i, losses.values(), l1.animated(), l1.copied());
                }
            }
            MotionTraining.HeldOutL1 l1 = MotionTraining.heldOutL1(model, clip);
            assertThat(l1.animated()).as("held-out L1 against copying the source's %s", l1.copied()).isLessThan(0.8 * l1.copied());
        }
    }
}
