package dev.doppel.model.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobMessageTest {

    @Test
    void parsesWhatTheOutboxWrites() {
        UUID id = UUID.randomUUID();
        // PostgreSQL's json_build_object puts spaces after colons and commas.
        JobMessage message = JobMessage.parse(("{\"jobId\" : \"" + id + "\", \"kind\" : \"TRAIN\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(message).isEqualTo(new JobMessage(id, JobKind.TRAIN));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> JobMessage.parse("{\"jobId\":\"x\",\"kind\":\"EXTRACT\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobMessage.parse(("{\"jobId\":\"" + UUID.randomUUID() + "\",\"kind\":\"EXTRACT\",\"key\":\"../x\"}")
                .getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobMessage.parse(("{\"jobId\":\"" + UUID.randomUUID() + "\",\"kind\":\"MINE\"}").getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
