package dev.doppel.model.jobs;

public enum CancelOutcome {
    CANCELLED,
    CANCEL_REQUESTED,
    ALREADY_FINISHED,
    NOT_FOUND
}
