package dev.doppel.pipeline.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Indices of a face list in epochs: every face once, in a fresh random order each time round, so a
 * small face set is seen evenly rather than by luck.
 */
public final class ShuffledOrder {

    private final int size;
    private final Random random;
    private final List<Integer> order = new ArrayList<>();
    private int next;

    /** @param random shared with the caller's augmentation, so one seed reproduces a whole run */
    public ShuffledOrder(int size, Random random) {
        if (size < 1) {
            throw new IllegalArgumentException("nothing to sample from");
        }
        this.size = size;
        this.random = random;
    }

    public int next() {
        if (next == order.size()) {
            order.clear();
            for (int i = 0; i < size; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            next = 0;
        }
        return order.get(next++);
    }
}
