package dev.doppel.model.messaging;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import dev.doppel.model.jobs.JobRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * Declares the exchange and one queue per job route (kind, or kind and engine) whenever a connection opens. On RabbitMQ the
 * queues are quorum queues with a dead-letter exchange and a delivery limit; Qpid Broker-J (the
 * standalone's embedded broker) closes the connection on those arguments, so there the queues are
 * plain durable ones. Either way the ledger's attempt limit, not the broker, decides when a job
 * has failed for good.
 */
public class JobTopology implements ConnectionListener {

    private static final int DELIVERY_LIMIT = 5;

    private static final Logger log = LoggerFactory.getLogger(JobTopology.class);

    private final String exchange;
    private final Collection<JobRoutes> contributors;

    /**
     * @param namespace    prefixes every name, so several installations (or test runs) can share one broker
     * @param contributors the routes each service in this JVM needs, read when a connection opens
     */
    public JobTopology(String namespace, Collection<JobRoutes> contributors) {
        this.exchange = namespace + ".jobs";
        this.contributors = List.copyOf(contributors);
    }

    public String exchange() {
        return exchange;
    }

    public String queueFor(JobRoute route) {
        return exchange + "." + route.key();
    }

    /** Every route of every contributor, ordered by key. */
    public Set<JobRoute> routes() {
        Set<JobRoute> routes = new TreeSet<>((a, b) -> a.key().compareTo(b.key()));
        contributors.forEach(contributor -> routes.addAll(contributor.routes()));
        return routes;
    }

    private String deadLetterExchange() {
        return exchange + ".dlx";
    }

    private String deadLetterQueue() {
        return exchange + ".dead";
    }

    @Override
    public void onCreate(Connection connection) {
        boolean rabbitMq = isRabbitMq(connection);
        try (Channel channel = connection.createChannel(false)) {
            channel.exchangeDeclare(exchange, "direct", true);
            if (rabbitMq) {
                channel.exchangeDeclare(deadLetterExchange(), "fanout", true);
                channel.queueDeclare(deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queueBind(deadLetterQueue(), deadLetterExchange(), "");
            }
            for (JobRoute route : routes()) {
                channel.queueDeclare(queueFor(route), true, false, false, rabbitMq ? quorumArguments() : Map.of());
                channel.queueBind(queueFor(route), exchange, route.key());
            }
            log.debug("Declared job topology ({} queues)", rabbitMq ? "quorum" : "classic durable");
        } catch (IOException | TimeoutException e) {
            throw new AmqpIOException(new IOException("declaring the job queues failed", e));
        }
    }

    private Map<String, Object> quorumArguments() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", "quorum");
        arguments.put("x-dead-letter-exchange", deadLetterExchange());
        arguments.put("x-delivery-limit", DELIVERY_LIMIT);
        return arguments;
    }

    static boolean isRabbitMq(Connection connection) {
        Object product = connection.getDelegate().getServerProperties().get("product");
        return product != null && product.toString().equalsIgnoreCase("RabbitMQ");
    }
}
