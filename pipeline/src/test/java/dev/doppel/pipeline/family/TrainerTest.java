package dev.doppel.pipeline.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

class TrainerTest {

    @Test
    void aCheckpointIsTakenBetweenStepsAndPublishedBesideTheNextOnes() {
        Counting model = new Counting();
        CountDownLatch twoStepsLater = new CountDownLatch(2);
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicBoolean lastLanded = new AtomicBoolean();
        TrainingSession session = TrainingSession.of(model, () -> {
            NamedLosses losses = model.step();
            events.add("step " + losses.iteration());
            if (losses.iteration() > 2) {
                twoStepsLater.countDown();
            }
            return losses;
        }, () -> null, "none");
        String trainingThread = Thread.currentThread().getName();

        Trainer.Result result = new Trainer(session).train(new Trainer.Options(6, 1, 2), Progress.NONE, Cancellation.NEVER, (s, losses) -> {
            events.add("taken at " + s.model().iteration());
            return () -> {
                assertThat(Thread.currentThread().getName()).isNotEqualTo(trainingThread);
                if (losses.iteration() == 2 && !arrives(twoStepsLater)) {
                    throw new IOException("the steps after the checkpoint did not run while it was published");
                }
                if (losses.iteration() == 6) {
                    pause(200);
                    lastLanded.set(true);
                }
            };
        });

        assertThat(result.iterations()).isEqualTo(6);
        assertThat(events).containsSubsequence("step 2", "taken at 2", "step 3", "step 4", "taken at 4", "step 6", "taken at 6");
        assertThat(lastLanded).as("training ends once its last checkpoint has landed").isTrue();
        assertThat(result.checkpointSeconds()).isPositive().isLessThan(result.seconds());
    }

    @Test
    void aPublicationThatFailsFailsTraining() {
        Counting model = new Counting();
        TrainingSession session = TrainingSession.of(model, model::step, () -> null, "none");

        assertThatThrownBy(() -> new Trainer(session).train(new Trainer.Options(50, 1, 2), Progress.NONE, Cancellation.NEVER,
                (s, losses) -> () -> {
                    throw new IOException("store unreachable");
                }))
                .isInstanceOf(UncheckedIOException.class).hasMessage("checkpoint at iteration 2 failed").hasRootCauseMessage("store unreachable");
        assertThat(model.iteration()).as("it stops at the latest at the next checkpoint").isLessThanOrEqualTo(4);
    }

    @Test
    void trainingStoppedWhileAPublicationIsInFlightWaitsForItToLand() {
        Counting model = new Counting();
        TrainingSession session = TrainingSession.of(model, model::step, () -> null, "none");
        AtomicBoolean landed = new AtomicBoolean();
        Cancellation stopAfterThree = () -> {
            if (model.iteration() >= 3) {
                throw new IllegalStateException("cancelled");
            }
        };

        assertThatThrownBy(() -> new Trainer(session).train(new Trainer.Options(50, 1, 2), Progress.NONE, stopAfterThree, (s, losses) -> () -> {
            pause(300);
            landed.set(true);
        })).hasMessage("cancelled");
        assertThat(landed).isTrue();
    }

    private static boolean arrives(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A model that only counts its steps. */
    private static final class Counting implements TrainableModel {

        private long iteration;

        NamedLosses step() {
            iteration++;
            return new NamedLosses(iteration, Map.of("loss", 1.0 / iteration));
        }

        @Override
        public int resolution() {
            return 64;
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public long iteration() {
            return iteration;
        }

        @Override
        public void save(Path directory) {
        }

        @Override
        public void close() {
        }
    }
}
