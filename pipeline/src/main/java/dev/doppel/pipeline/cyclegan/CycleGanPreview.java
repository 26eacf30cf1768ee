package dev.doppel.pipeline.cyclegan;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * CycleGAN's training preview, one row per face, six columns like the DeepFakes grid: A, G_AB(A),
 * G_BA(G_AB(A)), B, G_BA(B), G_AB(G_BA(B)). The translations show whether each face becomes the
 * other person; the round trips show whether it keeps pose and expression (what the cycle loss
 * enforces).
 */
public final class CycleGanPreview {

    public static final int COLUMNS = 6;
    public static final String LAYOUT = "columns: A, A as B, A as B back to A, B, B as A, B as A back to B";

    private CycleGanPreview() {
    }

    public static BufferedImage render(FaceTranslator model, List<TrainingFace> facesA, List<TrainingFace> facesB) {
        int size = model.resolution();
        int rows = Math.max(facesA.size(), facesB.size());
        BufferedImage grid = new BufferedImage(COLUMNS * size, Math.max(1, rows) * size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        drawSide(g, model, facesA, "B", "A", 0);
        drawSide(g, model, facesB, "A", "B", 3);
        g.dispose();
        return grid;
    }

    private static void drawSide(Graphics2D g, FaceTranslator model, List<TrainingFace> faces, String other, String own, int column) {
        if (faces.isEmpty()) {
            return;
        }
        FaceBatch input = PreviewTiles.batch(faces, model.resolution());
        FaceBatch translated = model.translate(input, other);
        PreviewTiles.draw(g, column, input, translated, model.translate(translated, own));
    }
}
