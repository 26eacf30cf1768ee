package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.Levels;

/**
 * Poisson cloning with the face's own gradients as the guidance field (NORMAL_CLONE). Written as
 * f = patch + h, the correction h is harmonic inside the region and equals frame - patch on its
 * border, so one membrane per channel is solved, by successive over-relaxation warm-started at the
 * border's mean difference: what is left to solve is then only the border's variation around it.
 */
final class SeamlessClone {

    /** A sweep budget that a face of a few hundred pixels across stays well under. */
    static final int MAX_SWEEPS = 5000;
    /** Stop when no pixel moves further than this, in levels, towards its neighbours' mean. */
    static final float TOLERANCE = 0.002f;

    /** How the solve ended: sweeps run, and the largest distance left, in levels, between a pixel and its neighbours' mean. */
    record Solution(int sweeps, double residual) {
    }

    private SeamlessClone() {
    }

    static Solution blend(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options) {
        int x0 = Math.max(0, patch.x());
        int x1 = Math.min(frameWidth, patch.x() + patch.width());
        int y0 = Math.max(0, patch.y());
        int y1 = Math.min(frameHeight, patch.y() + patch.height());
        if (x1 <= x0 || y1 <= y0) {
            return new Solution(0, 0);
        }
        Membrane membrane = new Membrane(patch, frame, frameWidth, x0, x1, y0, y1,
                DistanceTransform.erode(patch.region(), patch.width(), patch.height(), options.erosion() * patch.side()));
        Solution solution = membrane.relax();
        membrane.paste(frame, frameWidth);
        return solution;
    }

    /**
     * The correction on the patch's part of the frame plus a ring of cells that stand for the frame's
     * outside: they hold 0 and are not counted, so the frame's edge acts as a mirror (no flux)
     * rather than as a border colour.
     */
    private static final class Membrane {

        private final FacePatch patch;
        private final int x0;
        private final int y0;
        private final int stride;
        private final float[] h;
        private final int[] cells;
        private final float[] share;
        private final int count;

        Membrane(FacePatch patch, byte[] frame, int frameWidth, int x0, int x1, int y0, int y1, boolean[] region) {
            this.patch = patch;
            this.x0 = x0;
            this.y0 = y0;
            int width = x1 - x0;
            int height = y1 - y0;
            stride = width + 2;
            h = new float[stride * (height + 2) * 3];
            boolean[] inside = new boolean[stride * (height + 2)];
            int[] found = new int[width * height];
            int n = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int px = x - patch.x();
                    int py = y - patch.y();
                    int i = py * patch.width() + px;
                    int g = cell(x, y);
                    // The patch's own outer ring stays border: its gradients would need pixels beyond it.
                    if (region[i] && px > 0 && py > 0 && px < patch.width() - 1 && py < patch.height() - 1) {
                        inside[g] = true;
                        found[n++] = g;
                    } else {
                        int f = (y * frameWidth + x) * 3;
                        for (int c = 0; c < 3; c++) {
                            h[3 * g + c] = (frame[f + c] & 0xff) - patch.rgb()[3 * i + c];
                        }
                    }
                }
            }
            count = n;
            cells = found;
            share = new float[n];
            double[] border = new double[3];
            int contacts = 0;
            int[] steps = {-1, 1, -stride, stride};
            for (int k = 0; k < n; k++) {
                int g = cells[k];
                int neighbours = 0;
                for (int step : steps) {
                    int q = g + step;
                    int qx = q % stride;
                    int qy = q / stride;
                    if (qx < 1 || qy < 1 || qx > width || qy > height) {
                        continue;
                    }
                    neighbours++;
                    if (!inside[q]) {
                        contacts++;
                        for (int c = 0; c < 3; c++) {
                            border[c] += h[3 * q + c];
                        }
                    }
                }
                share[k] = 1f / neighbours;
            }
            for (int k = 0; k < n; k++) {
                for (int c = 0; c < 3; c++) {
                    h[3 * cells[k] + c] = contacts == 0 ? 0 : (float) (border[c] / contacts);
                }
            }
        }

        private int cell(int x, int y) {
            return (y - y0 + 1) * stride + x - x0 + 1;
        }

        Solution relax() {
            if (count == 0) {
                return new Solution(0, 0);
            }
            // The optimal factor for a square of the region's area (Young), which converges in
            // sweeps proportional to the side rather than to the area.
            float omega = (float) (2 / (1 + Math.sin(Math.PI / Math.sqrt(count))));
            int row = 3 * stride;
            float residual = Float.POSITIVE_INFINITY;
            int sweep = 0;
            while (sweep < MAX_SWEEPS && residual >= TOLERANCE) {
                residual = 0;
                for (int k = 0; k < count; k++) {
                    int p = 3 * cells[k];
                    float s = share[k];
                    float r = (h[p - 3] + h[p + 3] + h[p - row] + h[p + row]) * s - h[p];
                    float g = (h[p - 2] + h[p + 4] + h[p + 1 - row] + h[p + 1 + row]) * s - h[p + 1];
                    float b = (h[p - 1] + h[p + 5] + h[p + 2 - row] + h[p + 2 + row]) * s - h[p + 2];
                    h[p] += omega * r;
                    h[p + 1] += omega * g;
                    h[p + 2] += omega * b;
                    residual = Math.max(residual, Math.max(Math.abs(r), Math.max(Math.abs(g), Math.abs(b))));
                }
                sweep++;
            }
            return new Solution(sweep, residual);
        }

        void paste(byte[] frame, int frameWidth) {
            for (int k = 0; k < count; k++) {
                int g = cells[k];
                int x = x0 + g % stride - 1;
                int y = y0 + g / stride - 1;
                int i = (y - patch.y()) * patch.width() + x - patch.x();
                int f = (y * frameWidth + x) * 3;
                for (int c = 0; c < 3; c++) {
                    frame[f + c] = (byte) Levels.level(patch.rgb()[3 * i + c] + h[3 * g + c]);
                }
            }
        }
    }
}
