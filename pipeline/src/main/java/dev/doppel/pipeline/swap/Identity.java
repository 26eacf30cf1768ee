package dev.doppel.pipeline.swap;

/** The two people of a swap model: each has its own decoder. */
public enum Identity {
    A,
    B
}
