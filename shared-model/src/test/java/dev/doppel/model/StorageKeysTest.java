package dev.doppel.model;

import java.util.UUID;

import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageKeysTest {

    @Test
    void everyKeyLivesUnderItsTenantAndAttempt() {
        UUID tenant = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        assertThat(StorageKeys.jobOutput(tenant, job, 2, "contact-sheet.png"))
                .isEqualTo("tenants/" + tenant + "/jobs/" + job + "/attempt-2/contact-sheet.png")
                .startsWith(StorageKeys.jobAttemptPrefix(tenant, job, 2))
                .startsWith(StorageKeys.jobPrefix(tenant, job))
                .startsWith(StorageKeys.tenantPrefix(tenant));
    }

    @Test
    void namesThatCouldEscapeTheirPrefixAreRefused() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> StorageKeys.jobOutput(id, id, 1, "../../other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKeys.jobOutput(id, id, 1, "a/../b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKeys.jobOutput(id, id, 1, "/abs")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StorageKeys.jobOutput(id, id, 1, "faces/f1.png")).endsWith("/attempt-1/faces/f1.png");
        assertThatThrownBy(() -> StorageKeys.media(id, id, id, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
