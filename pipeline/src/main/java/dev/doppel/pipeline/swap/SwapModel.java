package dev.doppel.pipeline.swap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A face-swap model as the train and convert stages use it, whatever runs it (SameDiff on ND4J,
 * PyTorch through DJL). The DeepFakes family: one shared encoder, one decoder per identity;
 * swapping A to B encodes A's face and decodes it with B's decoder.
 *
 * Images cross this boundary as {@link FaceBatch}: N x 3 x R x R floats in [0, 1], RGB, NCHW.
 */
public interface SwapModel extends AutoCloseable {

    /** The registry name, e.g. {@code original}. */
    String name();

    /** Side of the square faces the model takes and makes, in pixels. */
    int resolution();

    /** Trainable parameters of encoder and both decoders together. */
    long parameterCount();

    /**
     * One optimiser step on both identities: the warped faces go in, the model learns to give back
     * the unwarped targets, each side through its own decoder and the shared encoder.
     */
    StepLosses trainStep(TrainingBatch a, TrainingBatch b);

    /** Reconstructs or swaps faces: {@code target} picks the decoder (A or B). */
    FaceBatch decode(FaceBatch faces, Identity target);

    /** Optimiser steps taken so far, carried through save and load. */
    long iteration();

    /** Writes weights, optimiser state and iteration, so training resumes exactly where it was. */
    void save(Path directory) throws IOException;

    @Override
    void close();
}
