package dev.doppel.model.jobs;

public enum HeartbeatOutcome {
    /** The lease was extended; carry on. */
    HELD,
    /** The lease was extended, and a client asked to cancel: stop at the next safe point. */
    CANCEL_REQUESTED,
    /** The row is no longer ours (reaped and re-queued, or finished): stop and write nothing more. */
    LOST
}
