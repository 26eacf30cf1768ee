package dev.doppel.api.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import jakarta.annotation.PreDestroy;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events of one job: an event whenever its row changes, ending with the terminal state.
 * It watches the ledger rather than the worker, so it works from any API replica.
 */
@Component
class JobEvents {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final JobLedger ledger;
    private final ApiKeys keys;
    private final JsonMapper json;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "job-events");
        thread.setDaemon(true);
        return thread;
    });

    JobEvents(JobLedger ledger, ApiKeys keys, JsonMapper json) {
        this.ledger = ledger;
        this.keys = keys;
        this.json = json;
    }

    /** The stream ends as soon as the key that opened it is revoked: a stream never outlives its key. */
    SseEmitter stream(JobRecord first, UUID apiKeyId) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        AtomicReference<Instant> lastSeen = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> poller = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> future = poller.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        poller.set(pollers.scheduleWithFixedDelay(() -> {
            try {
                if (apiKeyId != null && !keys.active(apiKeyId)) {
                    stop.run();
                    emitter.complete();
                    return;
                }
                JobRecord job = ledger.find(first.id()).orElseThrow();
                if (!job.updatedAt().equals(lastSeen.get())) {
                    lastSeen.set(job.updatedAt());
                    emitter.send(SseEmitter.event().name("job").id(Long.toString(job.updatedAt().toEpochMilli()))
                            .data(json.writeValueAsString(JobView.of(job, json)), MediaType.APPLICATION_JSON));
                }
                if (job.state().isFinished()) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    @PreDestroy
    void shutdown() {
        pollers.shutdownNow();
    }
}
