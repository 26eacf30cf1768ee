package dev.doppel.pipeline.swap;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.PreviewTiles;
import dev.doppel.pipeline.family.TranslatedFaces;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * faceswap's training preview: one row per face, columns A, A->A, A->B, B, B->B, B->A at the
 * model's resolution. Reconstructions show how well each decoder learned its person; swaps show
 * whether the shared encoder carries pose and expression across. A model that learns masks adds
 * the two swaps' masks in grey (DFL's preview shows them too): what conversion will blend by.
 */
public final class PreviewGrid {

    public static final int COLUMNS = 6;
    public static final int MASK_COLUMNS = 2;

    private PreviewGrid() {
    }

    /** How many columns {@code model}'s preview has. */
    public static int columns(SwapModel model) {
        return model.predictsMasks() ? COLUMNS + MASK_COLUMNS : COLUMNS;
    }

    /** The columns, named, as a training session describes its preview. */
    public static String layout(SwapModel model) {
        return "columns: A, A to A, A to B, B, B to B, B to A" + (model.predictsMasks() ? ", mask of A to B, mask of B to A" : "");
    }

    public static BufferedImage render(SwapModel model, List<TrainingFace> facesA, List<TrainingFace> facesB) {
        int size = model.resolution();
        int rows = Math.max(facesA.size(), facesB.size());
        BufferedImage grid = new BufferedImage(columns(model) * size, rows * size, BufferedImage.TYPE_INT_RGB);
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
        if (!model.predictsMasks()) {
            PreviewTiles.draw(g, column, input, model.decode(input, own), model.decode(input, other));
            return;
        }
        TranslatedFaces swapped = model.translateWithMasks(input, other.name());
        PreviewTiles.draw(g, column, input, model.decode(input, own), swapped.faces());
        PreviewTiles.draw(g, COLUMNS + (own == Identity.A ? 0 : 1), grey(swapped));
    }

    /** The masks as grey faces, each value in all three channels. */
    private static FaceBatch grey(TranslatedFaces faces) {
        int size = faces.faces().size();
        int plane = size * size;
        float[] pixels = new float[faces.faces().count() * 3 * plane];
        for (int n = 0; n < faces.faces().count(); n++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(faces.masks(), n * plane, pixels, (n * 3 + c) * plane, plane);
            }
        }
        return new FaceBatch(faces.faces().count(), size, pixels);
    }
}
