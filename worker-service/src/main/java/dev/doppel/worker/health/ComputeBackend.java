package dev.doppel.worker.health;

/**
 * A native library the worker cannot run jobs without. Each implementation loads its library once
 * and says which build it got; {@link ComputeBackendHealthIndicator} asks every one of them, so the
 * ND4J backend joins as one more bean when it lands.
 */
public interface ComputeBackend {

    /** Short name shown in the health details, e.g. {@code ffmpeg}. */
    String name();

    /** Loads the native code if it is not loaded yet; returns its version, or throws why it cannot load. */
    String load();
}
