package dev.doppel.pipeline.samediff;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdaBeliefUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaBelief;

/**
 * ND4J's AdaBelief as SameDiff can use it. In 1.0.0-M2.1 {@link AdaBelief#instantiate(INDArray, boolean)}
 * flattens the state view to one dimension and then halves its second (ArrayIndexOutOfBounds on
 * the first fit), while its updater wants the view as a row: this hands it one. The update is
 * ND4J's own; a restored state (the map form) never took the broken path.
 */
public final class SameDiffAdaBelief extends AdaBelief {

    /** For Jackson: SameDiff writes the training config, updater included, into a saved graph. */
    public SameDiffAdaBelief() {
    }

    public SameDiffAdaBelief(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        AdaBeliefUpdater updater = new AdaBeliefUpdater(this);
        INDArray row = viewArray.reshape(1, viewArray.length());
        updater.setStateViewArray(row, new long[] {viewArray.length() / 2}, row.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public SameDiffAdaBelief clone() {
        return new SameDiffAdaBelief(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
    }
}
