package dev.doppel.pipeline.family;

import java.awt.image.BufferedImage;
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

    /** A session of a recipe's own making: its model, how it steps, how it previews and what the preview shows. */
    static TrainingSession of(TrainableModel model, Supplier<NamedLosses> step, Supplier<BufferedImage> preview, String previewLayout) {
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
        };
    }
}
