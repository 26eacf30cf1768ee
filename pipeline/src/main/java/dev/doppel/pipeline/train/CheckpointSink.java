package dev.doppel.pipeline.train;

import java.io.IOException;

import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;

/** Where the trainer's checkpoints go (a folder, object storage); the caller keeps backups and previews there too. */
@FunctionalInterface
public interface CheckpointSink {

    void save(SwapModel model, long iteration, StepLosses losses) throws IOException;

    CheckpointSink NONE = (model, iteration, losses) -> { };
}
