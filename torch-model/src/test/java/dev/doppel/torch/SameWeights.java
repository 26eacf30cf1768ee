package dev.doppel.torch;

import dev.doppel.pipeline.swap.SameDiffSwapModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Starts both engines' Originals from the same weights, for comparing their steps. */
final class SameWeights {

    private SameWeights() {
    }

    /** SameDiff's weights into PyTorch's model, in its layouts: YXIO filters to OIYX, [in, out] dense weights to [out, in]. */
    static void copy(SameDiffSwapModel sameDiff, TorchSwapModel torch) {
        List<long[]> shapes = torch.parameterShapes();
        List<INDArray> weights = new ArrayList<>(sameDiff.weights().values());
        if (weights.size() != shapes.size()) {
            throw new IllegalStateException(weights.size() + " SameDiff weights for " + shapes.size() + " PyTorch parameters");
        }
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            INDArray w = weights.get(i);
            INDArray torchLayout = switch (w.rank()) {
                case 4 -> w.permute(3, 2, 0, 1);
                case 2 -> w.transpose();
                default -> w;
            };
            if (!Arrays.equals(torchLayout.shape(), shapes.get(i))) {
                throw new IllegalStateException("weight " + i + " is " + Arrays.toString(torchLayout.shape())
                        + " in SameDiff, " + Arrays.toString(shapes.get(i)) + " in PyTorch");
            }
            values.add(torchLayout.dup('c').data().asFloat());
        }
        torch.setParameters(values);
    }
}
