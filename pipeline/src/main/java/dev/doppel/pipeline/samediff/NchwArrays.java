package dev.doppel.pipeline.samediff;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.family.FaceBatch;

/**
 * What every SameDiff model does at its edges: faces between the pipeline's {@link FaceBatch} and
 * ND4J's N x C x H x W arrays, the layout both share.
 */
public final class NchwArrays {

    private NchwArrays() {
    }

    /** The batch as an N x 3 x R x R array over the same values. */
    public static INDArray of(FaceBatch batch) {
        return Nd4j.create(batch.pixels(), new long[] {batch.count(), 3, batch.size(), batch.size()}, 'c');
    }

    /** Per-pixel values of {@code count} square maps of side {@code size}, as N x 1 x R x R (loss weights). */
    public static INDArray ofMaps(float[] values, int count, int size) {
        return Nd4j.create(values, new long[] {count, 1, size, size}, 'c');
    }

    /** An array's values in row-major order, as float32. */
    public static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** A model's output back as a batch of faces. */
    public static FaceBatch faces(INDArray array) {
        long[] shape = array.shape();
        return new FaceBatch((int) shape[0], (int) shape[2], floats(array));
    }
}
