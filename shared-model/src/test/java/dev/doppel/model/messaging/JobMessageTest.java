package dev.doppel.model.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobMessageTest {

    @Test
    void parsesWhatTheOutboxWrites() {
        UUID id = UUID.randomUUID();
        // PostgreSQL's json_build_object puts spaces after colons and commas.
        JobMessage message = JobMessage.parse(("{\"jobId\" : \"" + id + "\", \"route\" : \"train.pytorch\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(message).isEqualTo(new JobMessage(id, JobRoute.of(JobKind.of("train"), "pytorch")));
        assertThat(JobMessage.parse(("{\"jobId\":\"" + id + "\",\"route\":\"extract\"}").getBytes()).route())
                .isEqualTo(JobRoute.of(JobKind.of("extract")));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> JobMessage.parse("{\"jobId\":\"x\",\"route\":\"extract\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobMessage.parse(("{\"jobId\":\"" + UUID.randomUUID() + "\",\"route\":\"extract\",\"key\":\"../x\"}")
                .getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobMessage.parse(("{\"jobId\":\"" + UUID.randomUUID() + "\",\"route\":\"../MINE\"}").getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
