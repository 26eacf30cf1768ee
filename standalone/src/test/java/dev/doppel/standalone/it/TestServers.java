package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.ConnectionFactory;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.standalone.infra.LocalObjectStore;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real servers the integration tests run against, once per JVM. With Docker they come from
 * Testcontainers; without it (CI) from the PostgreSQL and RabbitMQ on 127.0.0.1, which must then be
 * running: a missing server fails the tests, it never skips them. S3 is s3proxy, in this JVM.
 * Each run gets its own database and its own queue namespace, removed at exit.
 */
final class TestServers {

    private static TestServers instance;

    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    final String rabbitHost;
    final int rabbitPort;
    final String rabbitUser;
    final String rabbitPassword;
    final String namespace = "doppel-it-" + UUID.randomUUID().toString().substring(0, 8);
    final LocalObjectStore objectStore;
    final Path dataDir;

    static synchronized TestServers get() {
        if (instance == null) {
            try {
                instance = new TestServers();
            } catch (Exception e) {
                throw new IllegalStateException("integration test servers unavailable: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    private TestServers() throws Exception {
        dataDir = Files.createTempDirectory("doppel-it-");
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (docker) {
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
            postgres.start();
            RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
            rabbit.start();
            jdbcUrl = postgres.getJdbcUrl();
            dbUser = postgres.getUsername();
            dbPassword = postgres.getPassword();
            rabbitHost = rabbit.getHost();
            rabbitPort = rabbit.getAmqpPort();
            rabbitUser = rabbit.getAdminUsername();
            rabbitPassword = rabbit.getAdminPassword();
        } else {
            String server = env("DOPPEL_IT_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
            dbUser = env("DOPPEL_IT_POSTGRES_USER", "postgres");
            dbPassword = env("DOPPEL_IT_POSTGRES_PASSWORD", "");
            String database = namespace.replace('-', '_');
            execute(server + "postgres", "create database " + database);
            jdbcUrl = server + database;
            rabbitHost = env("DOPPEL_IT_RABBITMQ_HOST", "127.0.0.1");
            rabbitPort = Integer.parseInt(env("DOPPEL_IT_RABBITMQ_PORT", "5672"));
            rabbitUser = env("DOPPEL_IT_RABBITMQ_USER", "guest");
            rabbitPassword = env("DOPPEL_IT_RABBITMQ_PASSWORD", "guest");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deleteQueues();
                try {
                    execute(server + "postgres", "drop database if exists " + database + " with (force)");
                } catch (SQLException ignored) {
                    // The database is throw-away; a leftover one is harmless.
                }
            }));
        }
        objectStore = LocalObjectStore.start(dataDir.resolve("s3"), 0);
    }

    Map<String, String> springProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", dbUser);
        properties.put("spring.datasource.password", dbPassword);
        properties.put("spring.rabbitmq.host", rabbitHost);
        properties.put("spring.rabbitmq.port", Integer.toString(rabbitPort));
        properties.put("spring.rabbitmq.username", rabbitUser);
        properties.put("spring.rabbitmq.password", rabbitPassword);
        properties.put("doppel.storage.endpoint", objectStore.endpoint());
        properties.put("doppel.storage.access-key", objectStore.accessKey());
        properties.put("doppel.storage.secret-key", objectStore.secretKey());
        properties.put("doppel.jobs.namespace", namespace);
        return properties;
    }

    ConnectionFactory rabbitConnectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbitHost);
        factory.setPort(rabbitPort);
        factory.setUsername(rabbitUser);
        factory.setPassword(rabbitPassword);
        return factory;
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private void deleteQueues() {
        // Every route the tests' Doppel declares: its job types, its engines and the tests' own stepping kind.
        Set<JobRoute> routes = new HashSet<>(List.of(JobRoute.of(JobKind.of("extract")), JobRoute.of(JobKind.of("animate")),
                JobRoute.of(SteppingHandler.KIND)));
        for (String kind : List.of("train", "convert", "reenact", "animate")) {
            for (String engine : List.of("samediff", "pytorch")) {
                routes.add(JobRoute.of(JobKind.of(kind), engine));
            }
        }
        JobTopology topology = new JobTopology(namespace, List.of(() -> routes));
        try (com.rabbitmq.client.Connection connection = rabbitConnectionFactory().newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            for (JobRoute route : topology.routes()) {
                channel.queueDelete(topology.queueFor(route));
            }
            channel.queueDelete(topology.exchange() + ".dead");
            channel.exchangeDelete(topology.exchange());
            channel.exchangeDelete(topology.exchange() + ".dlx");
        } catch (Exception ignored) {
            // Best effort: leftover queues of a finished run hold no messages that matter.
        }
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
