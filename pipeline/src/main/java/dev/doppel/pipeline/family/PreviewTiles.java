package dev.doppel.pipeline.family;

import java.awt.Graphics2D;
import java.util.List;

import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.train.TrainingFace;

/** What every family's preview grid is made of: faces as a batch in, and batches drawn as columns of tiles. */
public final class PreviewTiles {

    private PreviewTiles() {
    }

    /** The faces at {@code size} px, area-averaged as training reads them, as one batch. */
    public static FaceBatch batch(List<TrainingFace> faces, int size) {
        int plane = 3 * size * size;
        float[] pixels = new float[faces.size() * plane];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(PlanarImage.rgb(faces.get(i).resized(size).crop()).values(), 0, pixels, i * plane, plane);
        }
        return new FaceBatch(faces.size(), size, pixels);
    }

    /** Draws each batch as one column, a face a row, starting at column {@code first}. */
    public static void draw(Graphics2D g, int first, FaceBatch... columns) {
        for (int c = 0; c < columns.length; c++) {
            int size = columns[c].size();
            int plane = 3 * size * size;
            for (int row = 0; row < columns[c].count(); row++) {
                float[] tile = new float[plane];
                System.arraycopy(columns[c].pixels(), row * plane, tile, 0, plane);
                g.drawImage(new PlanarImage(3, size, tile).toRgb(), (first + c) * size, row * size, null);
            }
        }
    }
}
