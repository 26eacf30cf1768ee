package dev.doppel.pipeline.cyclegan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The reference's ImagePool (Shrivastava et al. 2017): a discriminator is shown fakes from a
 * history of the generator, not only its latest, so the two do not chase each other in circles.
 * Until it holds {@code capacity} fakes the pool keeps each and passes it on; after that, half the
 * time a fake takes the place of a random older one and the older one is shown instead.
 * Images are flat float arrays of one length (3 x R x R, in the graph's [-1, 1]).
 */
final class ImagePool {

    private final int capacity;
    private final int imageLength;
    private final List<float[]> images = new ArrayList<>();

    ImagePool(int capacity, int imageLength) {
        this.capacity = capacity;
        this.imageLength = imageLength;
    }

    /** A pool holding {@code stored} (count x imageLength floats, oldest slot first), as {@link #contents()} gave them. */
    static ImagePool restore(int capacity, int imageLength, float[] stored) {
        ImagePool pool = new ImagePool(capacity, imageLength);
        if (stored.length % imageLength != 0 || stored.length / imageLength > capacity) {
            throw new IllegalArgumentException("a pool of " + capacity + " images of " + imageLength + " floats cannot hold " + stored.length);
        }
        for (int offset = 0; offset < stored.length; offset += imageLength) {
            float[] image = new float[imageLength];
            System.arraycopy(stored, offset, image, 0, imageLength);
            pool.images.add(image);
        }
        return pool;
    }

    /** The images to show the discriminator for a batch of new fakes (count x imageLength floats). */
    float[] query(float[] fakes, Random random) {
        if (fakes.length % imageLength != 0) {
            throw new IllegalArgumentException("fakes must be whole images of " + imageLength + " floats");
        }
        if (capacity == 0) {
            return fakes.clone();
        }
        float[] shown = new float[fakes.length];
        for (int offset = 0; offset < fakes.length; offset += imageLength) {
            float[] fake = new float[imageLength];
            System.arraycopy(fakes, offset, fake, 0, imageLength);
            float[] out = fake;
            if (images.size() < capacity) {
                images.add(fake);
            } else if (random.nextDouble() < 0.5) {
                int slot = random.nextInt(capacity);
                out = images.get(slot);
                images.set(slot, fake);
            }
            System.arraycopy(out, 0, shown, offset, imageLength);
        }
        return shown;
    }

    int size() {
        return images.size();
    }

    /** Every image held, slot by slot, for a checkpoint. */
    float[] contents() {
        float[] all = new float[images.size() * imageLength];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * imageLength, imageLength);
        }
        return all;
    }
}
