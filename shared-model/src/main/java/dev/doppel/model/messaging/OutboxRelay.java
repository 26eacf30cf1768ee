package dev.doppel.model.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows. A row counts as sent only when the broker confirmed it (ack) and did not
 * return it as unroutable; otherwise it stays pending and is tried again. Rows are locked with SKIP
 * LOCKED so several relays (API replicas) share the work without sending a row twice at once.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RabbitTemplate rabbit;
    private final JobTopology topology;
    private final Duration confirmTimeout;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, RabbitTemplate rabbit, JobTopology topology,
            Duration confirmTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rabbit = rabbit;
        this.topology = topology;
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes one batch; returns how many rows were confirmed. */
    public int publishPending(int batchSize) {
        Integer sent = transactions.execute(status -> {
            List<OutboxRow> rows = jdbc.sql("""
                    select id, routing_key, payload from job_outbox
                    where published_at is null order by id limit :limit for update skip locked
                    """)
                    .param("limit", batchSize)
                    .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("routing_key"), rs.getString("payload")))
                    .list();
            int confirmed = 0;
            for (OutboxRow row : rows) {
                String failure = publish(row);
                if (failure == null) {
                    jdbc.sql("update job_outbox set published_at = now(), attempts = attempts + 1 where id = :id")
                            .param("id", row.id()).update();
                    confirmed++;
                } else {
                    log.warn("Outbox row {} not published: {}", row.id(), failure);
                    jdbc.sql("update job_outbox set attempts = attempts + 1, last_error = :error where id = :id")
                            .param("id", row.id()).param("error", failure).update();
                }
            }
            return confirmed;
        });
        return sent == null ? 0 : sent;
    }

    public long backlog() {
        return jdbc.sql("select count(*) from job_outbox where published_at is null").query(Long.class).single();
    }

    /** Returns null when the broker confirmed the message as routed, else why not. */
    private String publish(OutboxRow row) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId("outbox-" + row.id());
        Message message = new Message(row.payload().getBytes(StandardCharsets.UTF_8), properties);
        CorrelationData correlation = new CorrelationData(Long.toString(row.id()));
        try {
            rabbit.send(topology.exchange(), row.routingKey(), message, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            // Returns arrive before the confirm; Qpid nacks a returned message, RabbitMQ acks it.
            if (correlation.getReturned() != null) {
                return "unroutable (" + correlation.getReturned().getReplyText() + ")";
            }
            return confirm.ack() ? null : "nacked (" + confirm.reason() + ")";
        } catch (TimeoutException e) {
            return "no confirm within " + confirmTimeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private record OutboxRow(long id, String routingKey, String payload) {
    }
}
