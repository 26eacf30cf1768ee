package dev.doppel.pipeline.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameSamplingTest {

    @Test
    void takesEveryNthFrame() {
        assertThat(taken(FrameSampling.everyNth(3), 10, 10)).containsExactly(0L, 3L, 6L, 9L);
    }

    @Test
    void takesTheFirstFrameOfEachSlotAtTheTargetRate() {
        assertThat(taken(FrameSampling.fps(4), 10, 14)).containsExactly(0L, 3L, 5L, 8L, 10L, 13L);
        assertThat(taken(FrameSampling.fps(30), 24, 5)).containsExactly(0L, 1L, 2L, 3L, 4L);
        // 29.97 fps timestamps rounded to microseconds still land in their third-of-a-second slots.
        assertThat(taken(FrameSampling.fps(3), 30000 / 1001.0, 31)).containsExactly(0L, 10L, 20L, 30L);
    }

    @Test
    void wantsExactlyOneWayToSample() {
        assertThatThrownBy(() -> new FrameSampling(2, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameSampling(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameSampling.everyNth(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameSampling.fps(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Long> taken(FrameSampling sampling, double sourceFps, int frames) {
        List<Long> taken = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (long i = 0; i < frames; i++) {
            long slot = sampling.slot(i, Math.round(i * 1e6 / sourceFps));
            if (slot != last) {
                taken.add(i);
                last = slot;
            }
        }
        return taken;
    }
}
