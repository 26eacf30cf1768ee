package dev.doppel.model.messaging;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.Channel;
import dev.doppel.model.jobs.JobKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * Declares the exchange and one queue per job kind whenever a connection opens. On RabbitMQ the
 * queues are quorum queues with a dead-letter exchange and a delivery limit; Qpid Broker-J (the
 * standalone's embedded broker) closes the connection on those arguments, so there the queues are
 * plain durable ones. Either way the ledger's attempt limit, not the broker, decides when a job
 * has failed for good.
 */
public class JobTopology implements ConnectionListener {

    public static final String EXCHANGE = "doppel.jobs";
    public static final String DEAD_LETTER_EXCHANGE = "doppel.jobs.dlx";
    public static final String DEAD_LETTER_QUEUE = "doppel.jobs.dead";
    private static final int DELIVERY_LIMIT = 5;

    private static final Logger log = LoggerFactory.getLogger(JobTopology.class);

    public static String queueFor(JobKind kind) {
        return EXCHANGE + "." + kind.routingKey();
    }

    @Override
    public void onCreate(Connection connection) {
        boolean rabbitMq = isRabbitMq(connection);
        try (Channel channel = connection.createChannel(false)) {
            channel.exchangeDeclare(EXCHANGE, "direct", true);
            if (rabbitMq) {
                channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, "fanout", true);
                channel.queueDeclare(DEAD_LETTER_QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queueBind(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, "");
            }
            for (JobKind kind : JobKind.values()) {
                channel.queueDeclare(queueFor(kind), true, false, false, rabbitMq ? quorumArguments() : Map.of());
                channel.queueBind(queueFor(kind), EXCHANGE, kind.routingKey());
            }
            log.debug("Declared job topology ({} queues)", rabbitMq ? "quorum" : "classic durable");
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new AmqpIOException(new IOException("declaring the job queues failed", e));
        }
    }

    private static Map<String, Object> quorumArguments() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", "quorum");
        arguments.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
        arguments.put("x-delivery-limit", DELIVERY_LIMIT);
        return arguments;
    }

    static boolean isRabbitMq(Connection connection) {
        Object product = connection.getDelegate().getServerProperties().get("product");
        return product != null && product.toString().equalsIgnoreCase("RabbitMQ");
    }
}
