package dev.doppel.worker.runtime;

import dev.doppel.model.jobs.JobKind;

/** Runs one kind of job; throws {@link JobFailure} for bad input and lets {@link JobStopped} pass. */
public interface JobHandler {

    JobKind kind();

    void run(JobContext context) throws Exception;
}
