package dev.doppel.worker.runtime;

/** Thrown at a safe point when the job must stop; the reason decides what the ledger records. */
public class JobStopped extends RuntimeException {

    public enum Reason {
        /** A client asked; the job ends CANCELLED. */
        CANCELLED,
        /** This worker is shutting down; the job goes back to the queue. */
        SHUTDOWN,
        /** The ledger no longer names this worker as the owner; write nothing more. */
        LEASE_LOST
    }

    private final Reason reason;

    public JobStopped(Reason reason) {
        super("job stopped: " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
