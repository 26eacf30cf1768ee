package dev.doppel.worker.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.model.messaging.JobTopology;
import dev.doppel.worker.WorkerProperties;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One listener container per job kind this worker takes, consuming every queue of that kind this
 * worker can serve (one per engine for engine-bound kinds), so {@code doppel.worker.concurrency.<kind>}
 * bounds the kind's jobs whatever their engine. Prefetch 1, so a busy worker holds at most one
 * waiting message per consumer and queue. Stopping waits up to the drain timeout for running jobs
 * to hand back their lease.
 */
@Component
public class JobConsumers implements SmartLifecycle {

    private final ConnectionFactory connectionFactory;
    private final JobDispatcher dispatcher;
    private final WorkerProperties worker;
    private final JobHandlers handlers;
    private final JobTopology topology;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    JobConsumers(ConnectionFactory connectionFactory, JobDispatcher dispatcher, WorkerProperties worker, JobHandlers handlers,
            JobTopology topology) {
        this.connectionFactory = connectionFactory;
        this.dispatcher = dispatcher;
        this.worker = worker;
        this.handlers = handlers;
        this.topology = topology;
    }

    @Override
    public synchronized void start() {
        for (JobHandler<?> handler : handlers.all()) {
            String kind = handler.kind().name();
            String[] queues = handlers.routesOf(handler).stream().map(topology::queueFor).sorted().toArray(String[]::new);
            if (queues.length == 0) {
                continue;
            }
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queues);
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(1);
            container.setConcurrentConsumers(handlers.concurrencyOf(handler));
            container.setShutdownTimeout(worker.drainTimeout().toMillis());
            container.setDefaultRequeueRejected(true);
            container.setMessageListener((ChannelAwareMessageListener) (message, channel) ->
                    dispatcher.onDelivery(message, channel));
            container.setBeanName("jobs-" + kind);
            container.afterPropertiesSet();
            container.start();
            containers.add(container);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        containers.forEach(SimpleMessageListenerContainer::destroy);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
