package dev.doppel.pipeline.nn;

/**
 * How glibc should hand out native memory to ND4J and libtorch, and whether this process was
 * started that way. Both engines allocate every activation, gradient and oneDNN reorder buffer
 * afresh each training step; by default glibc serves the large ones with mmap (or per-thread
 * heaps it unmaps when they empty) and gives them back at once, so every step page-faults and
 * zeroes its whole working set again: a quarter to a third of a SameDiff step spent in the kernel,
 * measured. With one arena, no mmap and no trimming, a step reuses the pages of the last one.
 *
 * <p>glibc reads these settings only at process start (calling {@code mallopt} later cannot move
 * threads that already have their own heaps), so they travel as the environment variable
 * {@code GLIBC_TUNABLES}: the worker image sets it, and the benchmarks run with it.
 */
public final class NativeHeap {

    /** The value of {@code GLIBC_TUNABLES} the worker runs with; the parent pom's native-heap.tunables is the same. */
    public static final String TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0"
            + ":glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456";

    private NativeHeap() {
    }

    /** Whether this process started with freed memory kept for reuse: one arena and no mmap. */
    public static boolean tuned() {
        String tunables = System.getenv("GLIBC_TUNABLES");
        return tunables != null && tunables.contains("glibc.malloc.arena_max=1") && tunables.contains("glibc.malloc.mmap_max=0");
    }

    /** One line for a log or a benchmark's header. */
    public static String describe() {
        return tuned() ? "native heap reuses freed memory (GLIBC_TUNABLES)"
                : "native heap untuned: set GLIBC_TUNABLES=" + TUNABLES + " for training at full speed";
    }
}
