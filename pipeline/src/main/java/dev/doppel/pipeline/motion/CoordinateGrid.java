package dev.doppel.pipeline.motion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's make_coordinate_grid: pixel centres of a side x side map in [-1, 1], the first
 * and last at -1 and 1, row-major (point p is row p / side, column p % side).
 */
final class CoordinateGrid {

    private CoordinateGrid() {
    }

    static double at(int index, int side) {
        return side == 1 ? 0 : 2.0 * index / (side - 1) - 1;
    }

    /** Coordinate {@code axis} (0: x, 1: y) of every point, as 1 x 1 x side². */
    static INDArray axis(int side, int axis) {
        float[] values = new float[side * side];
        for (int p = 0; p < values.length; p++) {
            values[p] = (float) at(axis == 0 ? p % side : p / side, side);
        }
        return Nd4j.create(values, new long[] {1, 1, values.length}, 'c');
    }

    /** side² x 2: each point's x and y. */
    static INDArray points(int side) {
        float[] values = new float[side * side * 2];
        for (int p = 0; p < side * side; p++) {
            values[2 * p] = (float) at(p % side, side);
            values[2 * p + 1] = (float) at(p / side, side);
        }
        return Nd4j.create(values, new long[] {side * side, 2}, 'c');
    }
}
