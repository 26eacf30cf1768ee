package dev.doppel.pipeline.cyclegan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

    @Test
    void constantForTheFirstHalfThenLinearlyDownToZero() {
        assertThat(LearningRateSchedule.at(0, 200, 2e-4)).isEqualTo(2e-4);
        assertThat(LearningRateSchedule.at(99, 200, 2e-4)).isEqualTo(2e-4);
        assertThat(LearningRateSchedule.at(100, 200, 2e-4)).isCloseTo(2e-4 * 100 / 101, within(1e-12));
        assertThat(LearningRateSchedule.at(150, 200, 2e-4)).isCloseTo(2e-4 * 50 / 101, within(1e-12));
        assertThat(LearningRateSchedule.at(199, 200, 2e-4)).isCloseTo(2e-4 / 101, within(1e-12)).isPositive();
        assertThat(LearningRateSchedule.at(250, 200, 2e-4)).as("a model trained past its plan").isZero();
    }
}
