package dev.doppel.api.tenancy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param bootstrapKeyFile where a single-user install keeps its key; unset in multi-tenant deployments */
@ConfigurationProperties("doppel.auth")
public record AuthProperties(Path bootstrapKeyFile, @DefaultValue("local") String bootstrapTenant) {
}
