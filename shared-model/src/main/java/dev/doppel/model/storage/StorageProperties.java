package dev.doppel.model.storage;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where objects live: any S3-compatible server (MinIO in production, s3proxy in the standalone).
 * {@code publicEndpoint}, when set, is the address clients reach for presigned downloads (the
 * services may talk to the store on a cluster-internal address).
 */
@Validated
@ConfigurationProperties("doppel.storage")
public record StorageProperties(
        @NotBlank String endpoint,
        @NotBlank String accessKey,
        @NotBlank String secretKey,
        @DefaultValue("doppel") @NotBlank String bucket,
        @DefaultValue("us-east-1") @NotBlank String region,
        @DefaultValue("5m") Duration presignTtl,
        String publicEndpoint) {
}
