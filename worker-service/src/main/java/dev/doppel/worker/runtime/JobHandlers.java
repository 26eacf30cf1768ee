package dev.doppel.worker.runtime;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.messaging.JobRoutes;
import dev.doppel.worker.WorkerProperties;
import org.springframework.stereotype.Component;

/**
 * The handlers this worker runs, by kind: every handler bean, narrowed to {@code doppel.worker.kinds}
 * when that is set. Its routes are the queues this worker consumes.
 */
@Component
public class JobHandlers implements JobRoutes {

    private final Map<String, JobHandler<?>> byKind = new TreeMap<>();
    private final Set<String> engines;
    private final WorkerProperties worker;

    JobHandlers(List<JobHandler<?>> handlers, WorkerProperties worker) {
        Map<String, JobHandler<?>> all = new TreeMap<>();
        for (JobHandler<?> handler : handlers) {
            if (all.putIfAbsent(handler.kind().name(), handler) != null) {
                throw new IllegalStateException("two job handlers declare kind '" + handler.kind() + "'");
            }
        }
        for (String kind : worker.kinds()) {
            if (!all.containsKey(kind)) {
                throw new IllegalStateException("doppel.worker.kinds names '" + kind + "', but this worker has handlers for "
                        + String.join(", ", all.keySet()) + " only");
            }
        }
        all.forEach((kind, handler) -> {
            if (worker.kinds().isEmpty() || worker.kinds().contains(kind)
                    || handler.partOf() != null && worker.kinds().contains(handler.partOf().name())) {
                byKind.put(kind, handler);
            }
        });
        this.engines = worker.engines();
        this.worker = worker;
    }

    /** Jobs of this kind run at once: as set for it, or for the kind it is part of, or one. */
    public int concurrencyOf(JobHandler<?> handler) {
        String kind = handler.kind().name();
        boolean set = worker.concurrency().containsKey(kind);
        return !set && handler.partOf() != null ? worker.concurrencyOf(handler.partOf().name()) : worker.concurrencyOf(kind);
    }

    public Collection<JobHandler<?>> all() {
        return byKind.values();
    }

    /** The routes of one kind on this worker (one per engine for engine-bound kinds). */
    public Set<JobRoute> routesOf(JobHandler<?> handler) {
        return handler.routes(engines);
    }

    @Override
    public Set<JobRoute> routes() {
        Set<JobRoute> routes = new HashSet<>();
        byKind.values().forEach(handler -> routes.addAll(routesOf(handler)));
        return routes;
    }

    /** Parses the job's parameters for its handler and runs it. */
    void run(JobKind kind, JobContext context) throws Exception {
        JobHandler<?> handler = byKind.get(kind.name());
        if (handler == null) {
            throw new JobFailure("kind-unsupported", "No worker here can run " + kind + " jobs.");
        }
        runTyped(handler, context);
    }

    private static <P> void runTyped(JobHandler<P> handler, JobContext context) throws Exception {
        P parameters;
        try {
            parameters = handler.parse(context.parameters());
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-parameters", e.getMessage());
        }
        handler.run(context, parameters);
    }

    /** Helper for engine-bound kinds: one route per engine of this worker. */
    public static Set<JobRoute> perEngine(JobKind kind, Set<String> engines) {
        Set<JobRoute> routes = new HashSet<>();
        engines.forEach(engine -> routes.add(JobRoute.of(kind, engine)));
        return routes;
    }
}
