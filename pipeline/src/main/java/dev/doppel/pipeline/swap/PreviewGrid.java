package dev.doppel.pipeline.swap;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * faceswap's training preview: one row per face, columns A, A->A, A->B, B, B->B, B->A at the
 * model's resolution. Reconstructions show how well each decoder learned its person; swaps show
 * whether the shared encoder carries pose and expression across.
 */
public final class PreviewGrid {

    public static final int COLUMNS = 6;

    private PreviewGrid() {
    }

    public static BufferedImage render(SwapModel model, List<TrainingFace> facesA, List<TrainingFace> facesB) {
        int size = model.resolution();
        int rows = Math.max(facesA.size(), facesB.size());
        BufferedImage grid = new BufferedImage(COLUMNS * size, rows * size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        drawSide(g, model, facesA, Identity.A, Identity.B, 0);
        drawSide(g, model, facesB, Identity.B, Identity.A, 3);
        g.dispose();
        return grid;
    }

    private static void drawSide(Graphics2D g, SwapModel model, List<TrainingFace> faces, Identity own, Identity other, int column) {
        if (faces.isEmpty()) {
            return;
        }
        FaceBatch input = PreviewTiles.batch(faces, model.resolution());
        PreviewTiles.draw(g, column, input, model.decode(input, own), model.decode(input, other));
    }
}
