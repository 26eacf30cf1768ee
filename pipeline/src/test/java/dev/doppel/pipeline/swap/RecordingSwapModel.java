package dev.doppel.pipeline.swap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.TranslatedFaces;

/**
 * A swap model that learns nothing: it keeps the batches it is given, draws faces back as they
 * came and, when asked to, a mask of constant grey; what the recipe's own behaviour is checked against.
 */
final class RecordingSwapModel implements SwapModel {

    static final float MASK = 0.25f;

    final List<TrainingBatch> batches = new ArrayList<>();
    private final boolean masks;
    private long iteration;

    RecordingSwapModel(boolean masks) {
        this.masks = masks;
    }

    @Override
    public StepLosses trainStep(TrainingBatch a, TrainingBatch b) {
        batches.add(a);
        batches.add(b);
        iteration++;
        return masks ? new StepLosses(iteration, 1, 2, Map.of(SwapTraining.MASK_A, 0.1, SwapTraining.MASK_B, 0.2)) : new StepLosses(iteration, 1, 2);
    }

    @Override
    public FaceBatch decode(FaceBatch faces, Identity target) {
        return faces;
    }

    @Override
    public boolean predictsMasks() {
        return masks;
    }

    @Override
    public TranslatedFaces translateWithMasks(FaceBatch faces, String role) {
        float[] mask = new float[faces.count() * faces.size() * faces.size()];
        Arrays.fill(mask, MASK);
        return new TranslatedFaces(faces, masks ? mask : null);
    }

    @Override
    public int resolution() {
        return 64;
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public void save(Path directory) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
