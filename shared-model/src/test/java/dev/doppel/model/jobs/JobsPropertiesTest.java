package dev.doppel.model.jobs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobsPropertiesTest {

    @Test
    void aHeartbeatSlowerThanHalfTheLeaseIsRefusedAtStart() {
        assertThatThrownBy(() -> new JobsProperties("doppel", Duration.ofSeconds(10), Duration.ofSeconds(6), 3,
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMillis(250), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeat-interval");
    }
}
