package dev.doppel.model.jobs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobRouteTest {

    @Test
    void keysRoundTrip() {
        assertThat(JobRoute.parse("train.pytorch")).isEqualTo(JobRoute.of(JobKind.of("train"), "pytorch"));
        assertThat(JobRoute.parse("extract")).isEqualTo(JobRoute.of(JobKind.of("extract")));
        assertThat(JobRoute.of(JobKind.of("convert"), "samediff").key()).isEqualTo("convert.samediff");
    }

    @Test
    void kindsAndEnginesAreSafeNames() {
        assertThatThrownBy(() -> JobKind.of("TRAIN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobKind.of("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobRoute.parse("train.py.torch")).isInstanceOf(IllegalArgumentException.class);
    }
}
