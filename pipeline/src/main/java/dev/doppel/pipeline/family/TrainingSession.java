package dev.doppel.pipeline.family;

import java.awt.image.BufferedImage;

/** A model being trained on its faces: one step at a time, with a preview on demand. */
public interface TrainingSession {

    TrainableModel model();

    /** One optimiser step (or one of each network the family trains); the losses by the names the architecture declares. */
    NamedLosses step();

    /** The family's preview grid for a few fixed faces. */
    BufferedImage preview();

    /** What the preview's columns (or rows) show, for its caption. */
    String previewLayout();
}
