package dev.doppel.worker.runtime;

import java.io.IOException;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobsProperties;
import dev.doppel.model.messaging.JobMessage;
import dev.doppel.worker.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Turns a delivery into "try to claim job X". The message is acked as soon as the claim is decided
 * (long jobs outlive the broker's delivery-ack timeout); from then on the lease, not the broker,
 * guards the job. A duplicate or redelivered message finds the job taken or finished and is a no-op.
 */
@Component
public class JobDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

    private final JobLedger ledger;
    private final JobRunner runner;
    private final JobsProperties jobs;
    private final WorkerProperties worker;

    JobDispatcher(JobLedger ledger, JobRunner runner, JobsProperties jobs, WorkerProperties worker) {
        this.ledger = ledger;
        this.runner = runner;
        this.jobs = jobs;
        this.worker = worker;
    }

    public void onDelivery(Message message, Channel channel) throws IOException {
        String queue = message.getMessageProperties().getConsumerQueue();
        long tag = message.getMessageProperties().getDeliveryTag();
        JobMessage job;
        try {
            job = JobMessage.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            log.warn("Dropping a malformed message from queue {}: {}", queue, e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        Optional<JobLease> lease;
        try {
            lease = ledger.claim(job.jobId(), job.route(), worker.id(), jobs.lease());
        } catch (DataAccessException e) {
            log.warn("Cannot reach the ledger to claim job {}; returning the message: {}", job.jobId(), e.getMessage());
            channel.basicNack(tag, false, true);
            return;
        }
        channel.basicAck(tag, false);
        if (lease.isEmpty()) {
            log.debug("Job {} is not claimable (taken, finished or cancelled); message dropped", job.jobId());
            return;
        }
        runner.run(lease.get());
    }
}
