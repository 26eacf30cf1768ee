package dev.doppel.model.jobs;

import java.util.regex.Pattern;

/**
 * The queue a job waits in: its kind, and for kinds whose work runs on a network engine, that
 * engine ({@code train.pytorch}). A worker consumes only the routes of the engines it runs, so it
 * never claims a job it cannot run, and operators can scale GPU workers on the queues they serve.
 */
public record JobRoute(JobKind kind, String engine) {

    private static final Pattern ENGINE = Pattern.compile("[a-z][a-z0-9-]{0,29}");

    public JobRoute {
        if (engine != null && !ENGINE.matcher(engine).matches()) {
            throw new IllegalArgumentException("an engine name is lower-case letters, digits or '-', not '" + engine + "'");
        }
    }

    public static JobRoute of(JobKind kind) {
        return new JobRoute(kind, null);
    }

    public static JobRoute of(JobKind kind, String engine) {
        return new JobRoute(kind, engine);
    }

    /** {@code kind} or {@code kind.engine}: the routing key, and the last part of the queue's name. */
    public String key() {
        return engine == null ? kind.name() : kind.name() + "." + engine;
    }

    public static JobRoute parse(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? of(JobKind.of(key)) : of(JobKind.of(key.substring(0, dot)), key.substring(dot + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}
