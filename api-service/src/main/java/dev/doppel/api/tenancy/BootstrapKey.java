package dev.doppel.api.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * For a single-user install (the standalone): keeps one local key in a file under the data
 * folder, registers it on every start (so it survives a wiped database) and prints it.
 */
@Component
@ConditionalOnProperty("doppel.auth.bootstrap-key-file")
class BootstrapKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);

    private final ApiKeys keys;
    private final AuthProperties properties;

    BootstrapKey(ApiKeys keys, AuthProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path file = properties.bootstrapKeyFile();
        String key;
        if (Files.exists(file)) {
            key = Files.readString(file, StandardCharsets.UTF_8).trim();
        } else {
            key = ApiKeys.newKey();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
        }
        keys.markOperator(keys.register(properties.bootstrapTenant(), "bootstrap", key).tenantId());
        log.info("Local API key (stored in {}): {}", file, key);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Could not restrict permissions of {}", file, e);
        }
    }
}
