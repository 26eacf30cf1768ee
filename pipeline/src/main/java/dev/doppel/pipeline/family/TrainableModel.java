package dev.doppel.pipeline.family;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every model of every family is to the train and convert stages, whichever engine runs it:
 * it has a size, has taken a number of optimiser steps, and saves itself (weights and optimiser
 * state) so that training resumes exactly. How it steps and what it makes is its family's business.
 */
public interface TrainableModel extends AutoCloseable {

    /** Side of the square faces the model takes and makes, in pixels. */
    int resolution();

    /** Trainable parameters of all its networks together. */
    long parameterCount();

    /** Optimiser steps taken so far, carried through save and load. */
    long iteration();

    /** Writes weights, optimiser state and iteration into {@code directory}, in the engine's own format. */
    void save(Path directory) throws IOException;

    @Override
    void close();
}
