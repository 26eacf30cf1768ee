package dev.doppel.pipeline.family;

import java.io.IOException;


/** Where the trainer's checkpoints go (a folder, object storage); the caller keeps backups and previews there too. */
@FunctionalInterface
public interface CheckpointSink {

    void save(TrainingSession session, NamedLosses losses) throws IOException;

    CheckpointSink NONE = (session, losses) -> { };
}
