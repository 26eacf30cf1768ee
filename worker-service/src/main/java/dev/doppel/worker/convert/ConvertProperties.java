package dev.doppel.worker.convert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this worker converts videos.
 *
 * @param segmentLength a video longer than this is converted in parts of at least this length, one
 *                      job each, so every free worker takes one; {@code 0s} converts every video whole
 */
@ConfigurationProperties("doppel.worker.convert")
public record ConvertProperties(@DefaultValue("60s") Duration segmentLength) {

    public ConvertProperties {
        if (segmentLength == null || segmentLength.isNegative()) {
            throw new IllegalArgumentException("doppel.worker.convert.segment-length must be 0s (never split) or a positive length");
        }
    }

    boolean splits() {
        return !segmentLength.isZero();
    }
}
