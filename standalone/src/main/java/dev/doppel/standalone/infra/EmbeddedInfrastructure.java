package dev.doppel.standalone.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, an AMQP broker and an S3 store, started side by side under one data directory
 * for the single-JVM deployment.
 *
 * <p>The broker and the object store run non-daemon threads: whoever starts this must close
 * it, after the application that uses it, or the JVM never exits.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final LocalPostgres postgres;
    private final LocalAmqpBroker broker;
    private final LocalObjectStore objectStore;

    private EmbeddedInfrastructure(LocalPostgres postgres, LocalAmqpBroker broker,
                                   LocalObjectStore objectStore) {
        this.postgres = postgres;
        this.broker = broker;
        this.objectStore = objectStore;
    }

    /**
     * Starts all three servers in parallel; if any fails, stops those that did start and
     * throws. A port of 0 picks a free port.
     */
    public static EmbeddedInfrastructure start(Path dataDir, int postgresPort, int amqpPort,
                                               int s3Port) {
        ExecutorService starter = Executors.newFixedThreadPool(3);
        try {
            Future<LocalPostgres> postgres = starter.submit(timed("PostgreSQL",
                    () -> LocalPostgres.start(dataDir, postgresPort)));
            Future<LocalAmqpBroker> broker = starter.submit(timed("AMQP broker",
                    () -> LocalAmqpBroker.start(dataDir, amqpPort)));
            Future<LocalObjectStore> objectStore = starter.submit(timed("S3 object store",
                    () -> LocalObjectStore.start(dataDir, s3Port)));

            StartupOutcome outcome = new StartupOutcome();
            LocalPostgres startedPostgres = outcome.await(postgres);
            LocalAmqpBroker startedBroker = outcome.await(broker);
            LocalObjectStore startedObjectStore = outcome.await(objectStore);
            outcome.closeStartedAndThrowIfFailed();
            return new EmbeddedInfrastructure(startedPostgres, startedBroker, startedObjectStore);
        } finally {
            starter.shutdown();
        }
    }

    /** The connection settings the api and the worker need, as Spring Boot property names. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.rabbitmq.host", broker.host());
        properties.put("spring.rabbitmq.port", Integer.toString(broker.port()));
        properties.put("spring.rabbitmq.username", broker.username());
        properties.put("spring.rabbitmq.password", broker.password());
        properties.put("spring.rabbitmq.virtual-host", broker.virtualHost());
        properties.put("doppel.storage.endpoint", objectStore.endpoint());
        properties.put("doppel.storage.access-key", objectStore.accessKey());
        properties.put("doppel.storage.secret-key", objectStore.secretKey());
        return properties;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalAmqpBroker broker() {
        return broker;
    }

    public LocalObjectStore objectStore() {
        return objectStore;
    }

    /** Stops the servers in reverse start order; every one is stopped even if another fails. */
    @Override
    public void close() {
        RuntimeException failure = closeAll(List.of(objectStore, broker, postgres));
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> Callable<T> timed(String name, Callable<T> startup) {
        return () -> {
            long begin = System.nanoTime();
            T server = startup.call();
            log.info("{} started in {} ms", name, (System.nanoTime() - begin) / 1_000_000);
            return server;
        };
    }

    private static RuntimeException closeAll(List<AutoCloseable> servers) {
        RuntimeException failure = null;
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Embedded infrastructure did not stop cleanly");
                }
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    /** Collects the servers that started and the failures of those that did not. */
    private static final class StartupOutcome {

        private final List<AutoCloseable> started = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();

        /** Waits even when interrupted: a server still starting must not be left running. */
        <T extends AutoCloseable> T await(Future<T> startup) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        T server = startup.get();
                        started.add(0, server);
                        return server;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                        return null;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void closeStartedAndThrowIfFailed() {
            if (failures.isEmpty()) {
                return;
            }
            IllegalStateException failure = new IllegalStateException(
                    "Embedded infrastructure failed to start", failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            RuntimeException closeFailure = closeAll(started);
            if (closeFailure != null) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }
}
