package dev.doppel.pipeline.drive;

/** The driver or the picture to be driven shows no face (or not the one asked for): the job cannot be done with these inputs. */
public final class NoFace extends RuntimeException {
    public NoFace(String message) {
        super(message);
    }
}
