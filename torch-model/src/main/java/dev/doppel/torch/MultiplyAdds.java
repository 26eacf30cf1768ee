package dev.doppel.torch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * Counts multiply-adds of convolutions and linears by walking the real blocks, so GPU sizing on
 * paper (FLOPs against a card's peak) follows the network as built, not a copy of its recipe.
 */
final class MultiplyAdds {

    private MultiplyAdds() {
    }

    /** Multiply-adds for one input of {@code input}'s shape (batch 1); activations count as free. */
    static long of(Block block, Shape input) {
        if (block instanceof SequentialBlock) {
            long total = 0;
            Shape[] shapes = {input};
            for (Block child : block.getChildren().values()) {
                total += of(child, shapes[0]);
                shapes = child.getOutputShapes(shapes);
            }
            return total;
        }
        if (block instanceof Conv2d || block instanceof Linear) {
            Shape weight = block.getParameters().get("weight").getShape();
            Shape output = block.getOutputShapes(new Shape[] {input})[0];
            long outputsPerWeightRow = output.size() / output.get(0) / weight.get(0);
            return weight.size() * outputsPerWeightRow;
        }
        return 0;
    }
}
