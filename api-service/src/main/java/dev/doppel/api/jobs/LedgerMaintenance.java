package dev.doppel.api.jobs;

import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobsProperties;
import dev.doppel.model.jobs.ReapReport;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.model.messaging.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API keeps the ledger moving: it relays the outbox to the broker, re-queues jobs whose worker
 * died, and re-publishes jobs that waited too long. Every step is safe to run on several replicas.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerMaintenance implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LedgerMaintenance.class);
    private static final int BATCH = 100;

    private final JobLedger ledger;
    private final JobsProperties jobs;
    private final OutboxRelay relay;

    LedgerMaintenance(JobLedger ledger, JobsProperties jobs, JdbcClient jdbc, TransactionTemplate transactions, RabbitTemplate rabbit,
            JobTopology topology) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.relay = new OutboxRelay(jdbc, transactions, rabbit, topology, jobs.confirmTimeout());
    }

    @Bean
    OutboxRelay outboxRelay() {
        return relay;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relayOutbox, jobs.outboxInterval());
        registrar.addFixedDelayTask(this::reap, jobs.reaperInterval());
    }

    private void relayOutbox() {
        try {
            while (relay.publishPending(BATCH) == BATCH) {
                log.debug("Outbox relay sent a full batch; continuing");
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed: {}", e.getMessage());
        }
    }

    private void reap() {
        try {
            ReapReport report = ledger.reapExpiredLeases();
            if (!report.isEmpty()) {
                log.info("Reaper: {} job(s) re-queued, {} failed after too many attempts, {} cancelled",
                        report.requeued(), report.failed(), report.cancelled());
            }
            int republished = ledger.republishStaleQueued(jobs.republishQueuedAfter());
            if (republished > 0) {
                log.info("Re-published {} job(s) that waited longer than {}", republished, jobs.republishQueuedAfter());
            }
        } catch (RuntimeException e) {
            log.warn("Reaper failed: {}", e.getMessage());
        }
    }
}
