package dev.doppel.model.jobs;

/** What a heartbeat writes besides the lease: where the job is and how far it got. */
public record ProgressSnapshot(String stage, double progress, Long etaSeconds, String metricsJson, String previewsJson) {

    public static ProgressSnapshot starting() {
        return new ProgressSnapshot("starting", 0, null, "{}", "[]");
    }
}
