package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.worker.runtime.JobConsumers;
import dev.doppel.standalone.StandaloneApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Doppel (API + worker, as the standalone runs them) on the test servers, shared by every
 * integration test in the JVM: starting Spring once keeps the suite fast on two cores. Timings are
 * short so that leases expire and reapers run within seconds.
 */
final class RunningDoppel {

    // Six seconds: a worker context that has just started (a fresh pool, nothing compiled yet, on
    // two busy cores) missed a 3 s lease before its first heartbeat landed, and its job lost an attempt.
    static final String[] FAST_LEDGER = {
            "--doppel.jobs.lease=6s",
            "--doppel.jobs.heartbeat-interval=500ms",
            "--doppel.jobs.reaper-interval=500ms",
            "--doppel.jobs.outbox-interval=100ms",
    };

    private static RunningDoppel instance;

    final ConfigurableApplicationContext context;
    final ApiClient api;
    final TestServers servers;
    final String apiKey;
    final UUID tenantId;

    static synchronized RunningDoppel get() {
        if (instance == null) {
            instance = new RunningDoppel();
        }
        return instance;
    }

    private RunningDoppel() {
        servers = TestServers.get();
        Path dataDir = servers.dataDir.resolve("doppel");
        // A SameDiff-only worker: WorkerSeamIT starts a PyTorch one beside it.
        String[] args = concat(FAST_LEDGER, "--server.port=0", "--doppel.worker.engines=samediff",
                "--spring.main.sources=" + SteppingHandler.class.getName());
        context = StandaloneApplication.start(servers.springProperties(), dataDir, true, args);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try {
            apiKey = Files.readString(dataDir.resolve("api-key.txt")).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the standalone wrote no API key", e);
        }
        api = new ApiClient("http://localhost:" + port, apiKey);
        tenantId = bean(ApiKeys.class).authenticate(apiKey).orElseThrow().tenantId();
    }

    /** Stops this Doppel's worker from taking jobs, so a test can play a worker itself. */
    void pauseWorker() {
        bean(JobConsumers.class).stop();
    }

    /** Idempotent: every test that paused the worker calls this afterwards. */
    void resumeWorker() {
        JobConsumers consumers = bean(JobConsumers.class);
        if (!consumers.isRunning()) {
            consumers.start();
        }
    }

    /** A client for a second tenant, with its own key. */
    ApiClient otherTenant(String name) {
        return newTenant(name).api();
    }

    /** A tenant of the caller's own, so what it stores can be counted to the last object; the name gets a unique suffix. */
    Tenant newTenant(String name) {
        String key = ApiKeys.newKey();
        return new Tenant(context.getBean(ApiKeys.class).register(name + " " + UUID.randomUUID(), "test", key), api.withKey(key));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
