package dev.doppel.api.deletion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Doppel keeps what it was given and what it made; unset keeps it until deleted.
 *
 * @param results       a finished job's outputs (swaps, contact sheets, previews) go this long after it finished;
 *                      a train job's model stays (delete the model for that)
 * @param uploads       an upload goes this long after it came, as a deleted one does: with its faces and the results made from it
 * @param sweepInterval how often the sweep finishes waiting deletions and applies retention
 */
@ConfigurationProperties("doppel.retention")
public record RetentionProperties(Duration results, Duration uploads, @DefaultValue("5s") Duration sweepInterval) {
}
