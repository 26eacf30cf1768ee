package dev.doppel.api.jobs;

import dev.doppel.model.messaging.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Outbox rows the broker has not confirmed yet. It should hover near zero; a climbing backlog means
 * the broker is down or refusing messages, and jobs are accepted but not delivered.
 */
@Component
class OutboxBacklogMeter implements MeterBinder {

    private final OutboxRelay relay;

    OutboxBacklogMeter(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("doppel.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Outbox rows not yet confirmed by the broker")
                .register(registry);
    }
}
