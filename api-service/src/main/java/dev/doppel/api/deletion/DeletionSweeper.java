package dev.doppel.api.deletion;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Finishes what a deletion could not finish at once (face sets whose jobs have since stopped, store
 * objects still listed for removal) and applies retention ({@link RetentionProperties}). Safe on
 * several replicas: each face set, listed prefix and expiring item is taken under a row lock that
 * the others skip.
 */
@Configuration(proxyBeanMethods = false)
class DeletionSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeletionSweeper.class);

    private final Deletions deletions;
    private final ObjectDeletions objects;
    private final RetentionProperties retention;
    private final Clock clock = Clock.systemUTC();

    DeletionSweeper(Deletions deletions, ObjectDeletions objects, RetentionProperties retention) {
        this.deletions = deletions;
        this.objects = objects;
        this.retention = retention;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, retention.sweepInterval());
    }

    void sweep() {
        try {
            for (Deletions.Pending pending : deletions.pendingFaceSets()) {
                if (deletions.completeFaceSet(pending.tenantId(), pending.faceSetId(), null)) {
                    log.info("Face set {} deleted once its jobs had stopped", pending.faceSetId());
                }
            }
            objects.drain();
            Instant now = clock.instant();
            int expired = deletions.expire(retention.results() == null ? null : now.minus(retention.results()),
                    retention.uploads() == null ? null : now.minus(retention.uploads()));
            if (expired > 0) {
                log.info("Retention: {} result(s) and upload(s) past their time deleted", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Deletion sweep failed: {}", e.getMessage());
        }
    }
}
