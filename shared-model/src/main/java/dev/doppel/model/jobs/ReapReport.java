package dev.doppel.model.jobs;

public record ReapReport(int requeued, int failed, int cancelled) {

    public boolean isEmpty() {
        return requeued == 0 && failed == 0 && cancelled == 0;
    }
}
