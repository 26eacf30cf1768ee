package dev.doppel.pipeline.family;

import java.io.IOException;

/**
 * Where the trainer's checkpoints go (a folder, object storage); the caller keeps backups and
 * previews there too. A checkpoint comes in two parts: {@link #save} runs between two steps on the
 * training thread and takes what must see the model as it is at that iteration (its files, its
 * preview); the {@link Publication} it answers does the rest with them (packing, uploading,
 * recording) on another thread while training goes on.
 */
@FunctionalInterface
public interface CheckpointSink {

    Publication save(TrainingSession session, NamedLosses losses) throws IOException;

    /** What is left of a checkpoint once the model's state is taken: it must not touch the model. */
    @FunctionalInterface
    interface Publication {

        void publish() throws IOException;

        Publication NONE = () -> { };
    }

    CheckpointSink NONE = (session, losses) -> Publication.NONE;
}
