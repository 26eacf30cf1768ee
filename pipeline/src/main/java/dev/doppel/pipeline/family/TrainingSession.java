package dev.doppel.pipeline.family;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.function.Supplier;

/** A model being trained on its faces: one step at a time, with a preview on demand. */
public interface TrainingSession {

    TrainableModel model();

    /** One optimiser step (or one of each network the family trains); the losses by the names the architecture declares. */
    NamedLosses step();

    /** The family's preview grid for a few fixed faces. */
    BufferedImage preview();

    /** What the preview's columns (or rows) show, for its caption. */
    String previewLayout();

    /** Figures on faces the model never trains on, by name, where the family holds some out; measured at each checkpoint. */
    default Map<String, Double> validation() {
        return Map.of();
    }

    /** A session of a recipe's own making: its model, how it steps, how it previews and what the preview shows. */
    static TrainingSession of(TrainableModel model, Supplier<NamedLosses> step, Supplier<BufferedImage> preview, String previewLayout) {
        return of(model, step, preview, previewLayout, Map::of);
    }

    /** As {@link #of(TrainableModel, Supplier, Supplier, String)}, with held-out figures. */
    static TrainingSession of(TrainableModel model, Supplier<NamedLosses> step, Supplier<BufferedImage> preview, String previewLayout,
            Supplier<Map<String, Double>> validation) {
        return new TrainingSession() {
            @Override
            public TrainableModel model() {
                return model;
            }

            @Override
            public NamedLosses step() {
                return step.get();
            }

            @Override
            public BufferedImage preview() {
                return preview.get();
            }

            @Override
            public String previewLayout() {
                return previewLayout;
            }

            @Override
            public Map<String, Double> validation() {
                return validation.get();
            }
        };
    }
}
