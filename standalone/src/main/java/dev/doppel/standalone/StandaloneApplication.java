package dev.doppel.standalone;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.doppel.api.ApiApplication;
import dev.doppel.standalone.infra.EmbeddedInfrastructure;
import dev.doppel.worker.WorkerApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Doppel with no servers to install: embedded PostgreSQL, an AMQP broker and an S3 store under one
 * data folder, then the API and a worker in this JVM. Pointing at real servers instead is plain
 * configuration of api-service and worker-service; this class adds nothing to them.
 */
public final class StandaloneApplication {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    private StandaloneApplication() {
    }

    public static void main(String[] args) {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment();
        EmbeddedInfrastructure infrastructure;
        try {
            infrastructure = EmbeddedInfrastructure.start(settings.dataDir(), settings.postgresPort(), settings.amqpPort(),
                    settings.s3Port());
        } catch (Exception e) {
            log.error("Doppel could not start its embedded servers: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        try {
            ConfigurableApplicationContext context = start(infrastructure.springProperties(), settings.dataDir(), false, args);
            // One hook, in order: the context (listeners, running jobs hand back their lease), then the servers.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                infrastructure.close();
            }, "doppel-shutdown"));
        } catch (Throwable e) {
            log.error("Doppel failed to start: {}", e.getMessage());
            infrastructure.close();
            System.exit(1);
        }
    }

    /** Starts api and worker against running servers, named by Spring properties; tests use this too. */
    public static ConfigurableApplicationContext start(Map<String, String> servers, Path dataDir,
            boolean registerShutdownHook, String... args) {
        SpringApplication application = new SpringApplication(ApiApplication.class, WorkerApplication.class);
        application.setRegisterShutdownHook(registerShutdownHook);
        Map<String, Object> defaults = new HashMap<>(servers);
        defaults.put("doppel.auth.bootstrap-key-file", dataDir.resolve("api-key.txt").toString());
        defaults.put("doppel.worker.scratch-dir", dataDir.resolve("scratch").toString());
        // One worker for everything: both engines, since the jar carries libtorch's CPU natives too.
        defaults.put("doppel.worker.engines", "samediff,pytorch");
        application.setDefaultProperties(defaults);
        return application.run(args);
    }
}
