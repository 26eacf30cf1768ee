package dev.doppel.pipeline.nn;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Starting weights of a trainable network, drawn from the caller's seeded generator so every run starts the same. */
public final class InitialWeights {

    private InitialWeights() {
    }

    /** Uniform in (-limit, limit); a limit of 0 gives zeros (biases) and draws nothing. */
    public static INDArray uniform(Random random, double limit, long... shape) {
        float[] values = new float[length(shape)];
        for (int i = 0; i < values.length && limit > 0; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /** Normal with mean 0 and {@code std}; a std of 0 gives zeros and draws nothing. */
    public static INDArray normal(Random random, double std, long... shape) {
        float[] values = new float[length(shape)];
        for (int i = 0; i < values.length && std > 0; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    private static int length(long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        return Math.toIntExact(length);
    }
}
