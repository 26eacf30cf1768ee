package dev.doppel.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchTest {

    @Test
    void givesTheSourcesValuesInItsOrder() {
        AtomicInteger draws = new AtomicInteger();
        Prefetch<String, Integer> prefetch = new Prefetch<>(key -> draws.getAndIncrement());
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(prefetch.next("warped"));
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aValueMadeAheadForAnotherKeyIsDroppedAndTheRightOneMade() {
        AtomicInteger draws = new AtomicInteger();
        Prefetch<Boolean, String> prefetch = new Prefetch<>(warped -> (warped ? "warped " : "plain ") + draws.getAndIncrement());
        assertThat(prefetch.next(true)).isEqualTo("warped 0");
        assertThat(prefetch.next(false)).as("warped 1, made ahead, is dropped").isEqualTo("plain 2");
        assertThat(prefetch.next(false)).isEqualTo("plain 3");
    }

    @Test
    void batchesOfOneKindAreMadeOneAheadInTheSourcesOrder() {
        AtomicInteger draws = new AtomicInteger();
        Supplier<Integer> batches = Prefetch.ahead(draws::getAndIncrement);
        assertThat(batches.get()).isZero();
        assertThat(batches.get()).isEqualTo(1);
        assertThat(batches.get()).isEqualTo(2);
        // The fourth was started while the third was handed out.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (draws.get() < 4 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(draws).hasValue(4);
    }

    @Test
    void aFailureReachesTheStepThatWantedTheValue() {
        Prefetch<String, Integer> prefetch = new Prefetch<>(key -> {
            throw new IllegalArgumentException("no faces to train on");
        });
        assertThatThrownBy(() -> prefetch.next("x")).isInstanceOf(IllegalArgumentException.class).hasMessage("no faces to train on");
    }
}
