package dev.doppel.standalone.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.store.derby.DerbyUtils;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) whose queues and persistent messages live in a
 * Derby store under {@code <dataDir>/broker}.
 *
 * <p>The broker's own settings come from {@code qpid-initial-config.json} at every start: only the
 * virtual host's Derby store carries state from one run to the next. The port's default-alias sends
 * clients asking for virtual host "/" (RabbitMQ's and Spring AMQP's default) to the one
 * virtual host.
 */
public final class LocalAmqpBroker implements AutoCloseable {

    private static final String HOST = "localhost";
    private static final String USERNAME = "doppel";
    private static final String PASSWORD = "doppel";
    private static final String VIRTUAL_HOST = "/";

    private static final String INITIAL_CONFIG_RESOURCE = "qpid-initial-config.json";
    // Where Qpid's JSON system config store keeps the broker settings it was last started with.
    private static final String SAVED_BROKER_CONFIG = "config.json";

    private final SystemLauncher launcher;
    private final int port;

    private LocalAmqpBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    /** @param port the TCP port, or 0 for a free one */
    public static LocalAmqpBroker start(Path dataDir, int port) throws Exception {
        Path workDir = dataDir.resolve("broker");
        Files.createDirectories(workDir);
        forgetSavedBrokerConfig(workDir);
        Path initialConfig = writeInitialConfig(workDir);
        Path systemProperties = writeEmptySystemProperties(workDir);

        // Qpid boots Derby before its own call to this, so derby.log would land in the working
        // directory; this sends Derby's log to SLF4J instead.
        DerbyUtils.configureDerbyLogging();

        BrokerStartupListener startup = new BrokerStartupListener();
        SystemLauncher launcher = new SystemLauncher(startup);
        try {
            launcher.startup(systemConfig(workDir, port, initialConfig, systemProperties));
            Broker<?> broker = startup.broker();
            requireActiveVirtualHost(broker);
            return new LocalAmqpBroker(launcher, boundAmqpPort(broker));
        } catch (Exception e) {
            // Qpid's task executor threads are not daemons; a half-started broker holds the JVM.
            try {
                launcher.shutdown();
            } catch (RuntimeException shutdownFailure) {
                e.addSuppressed(shutdownFailure);
            }
            throw e;
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public String virtualHost() {
        return VIRTUAL_HOST;
    }

    @Override
    public void close() {
        launcher.shutdown();
    }

    private static Map<String, Object> systemConfig(Path workDir, int port, Path initialConfig,
                                                    Path systemProperties) {
        Map<String, String> context = Map.of(
                SystemConfig.QPID_WORK_DIR, workDir.toAbsolutePath().toString(),
                "qpid.amqp_port", Integer.toString(port),
                "doppel.amqp.username", USERNAME,
                "doppel.amqp.password", PASSWORD);
        return Map.of(
                ConfiguredObject.TYPE, "JSON",
                ConfiguredObject.CONTEXT, context,
                SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toString(),
                SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toString(),
                SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                // The preferences store only serves the management console, which is left out.
                "preferenceStoreAttributes", Map.of("type", "Noop"));
    }

    private static void forgetSavedBrokerConfig(Path workDir) throws IOException {
        Files.deleteIfExists(workDir.resolve(SAVED_BROKER_CONFIG));
        Files.deleteIfExists(workDir.resolve(SAVED_BROKER_CONFIG + ".bak"));
    }

    /*
     * Qpid reads its "classpath:" locations through a URL handler that it registers with
     * java.protocol.handler.pkgs; the JDK looks such handlers up in the system class loader, which
     * inside a Spring Boot fat jar cannot see Qpid's classes. So both of Qpid's startup files are
     * handed to it as plain files.
     */
    private static Path writeInitialConfig(Path workDir) throws IOException {
        Path initialConfig = workDir.resolve("initial-config.json");
        try (InputStream resource = LocalAmqpBroker.class.getResourceAsStream(INITIAL_CONFIG_RESOURCE)) {
            if (resource == null) {
                throw new IllegalStateException(INITIAL_CONFIG_RESOURCE + " is missing from the classpath");
            }
            Files.copy(resource, initialConfig, StandardCopyOption.REPLACE_EXISTING);
        }
        return initialConfig;
    }

    private static Path writeEmptySystemProperties(Path workDir) throws IOException {
        return Files.writeString(workDir.resolve("system.properties"),
                "# Qpid must read system properties from somewhere at startup; Doppel sets none.\n");
    }

    private static void requireActiveVirtualHost(Broker<?> broker) {
        VirtualHostNode<?> node = broker.findDefautVirtualHostNode();
        VirtualHost<?> virtualHost = node == null ? null : node.getVirtualHost();
        if (virtualHost == null || virtualHost.getState() != State.ACTIVE) {
            throw new IllegalStateException("Qpid's virtual host did not become active"
                    + (node == null ? "" : " (node state " + node.getState() + ")"));
        }
    }

    private static int boundAmqpPort(Broker<?> broker) {
        return broker.getChildren(Port.class).stream()
                .filter(port -> "AMQP".equals(port.getName()))
                .findFirst()
                .map(Port::getBoundPort)
                .orElseThrow(() -> new IllegalStateException("Qpid started without its AMQP port"));
    }
}
