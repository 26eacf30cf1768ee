package dev.doppel.model.media;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Caps that keep one upload from exhausting memory or disk (decompression bombs, hour-long 8K videos). */
@Validated
@ConfigurationProperties("doppel.upload")
public record UploadLimits(
        @DefaultValue("512MB") DataSize maxBytes,
        @DefaultValue("50000000") @Positive long maxImagePixels,
        @DefaultValue("10m") Duration maxVideoDuration,
        @DefaultValue("3840") @Positive int maxVideoWidth,
        @DefaultValue("3840") @Positive int maxVideoHeight,
        @DefaultValue("4") @Positive int maxStreams) {

    public static UploadLimits defaults() {
        return new UploadLimits(DataSize.ofMegabytes(512), 50_000_000, Duration.ofMinutes(10), 3840, 3840, 4);
    }
}
