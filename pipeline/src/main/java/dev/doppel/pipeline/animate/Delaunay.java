package dev.doppel.pipeline.animate;

import java.util.ArrayList;
import java.util.List;

/**
 * Delaunay triangulation of a few hundred points (Bowyer-Watson): each point is inserted into a
 * super-triangle's triangulation by removing the triangles whose circumcircle holds it and fanning
 * the hole from it. Quadratic, which at a face's hundred control points is microseconds, and done
 * once per photo: the moved points keep the photo's triangles.
 */
final class Delaunay {

    private Delaunay() {
    }

    /** Triangles as index triples into {@code xy} (x0, y0, x1, y1, ...), three ints each. */
    static int[] triangulate(double[] xy) {
        int n = xy.length / 2;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        double span = Math.max(maxX - minX, maxY - minY) + 1;
        double midX = (minX + maxX) / 2;
        double midY = (minY + maxY) / 2;
        double[] all = new double[2 * n + 6];
        System.arraycopy(xy, 0, all, 0, 2 * n);
        all[2 * n] = midX - 20 * span;
        all[2 * n + 1] = midY - span;
        all[2 * n + 2] = midX;
        all[2 * n + 3] = midY + 20 * span;
        all[2 * n + 4] = midX + 20 * span;
        all[2 * n + 5] = midY - span;
        List<int[]> triangles = new ArrayList<>();
        triangles.add(new int[] {n, n + 1, n + 2});
        for (int p = 0; p < n; p++) {
            double px = all[2 * p];
            double py = all[2 * p + 1];
            List<int[]> edges = new ArrayList<>();
            for (int t = triangles.size() - 1; t >= 0; t--) {
                int[] tri = triangles.get(t);
                if (inCircumcircle(all, tri, px, py)) {
                    addOrCancel(edges, tri[0], tri[1]);
                    addOrCancel(edges, tri[1], tri[2]);
                    addOrCancel(edges, tri[2], tri[0]);
                    triangles.remove(t);
                }
            }
            for (int[] edge : edges) {
                triangles.add(new int[] {edge[0], edge[1], p});
            }
        }
        List<int[]> kept = triangles.stream().filter(t -> t[0] < n && t[1] < n && t[2] < n).toList();
        int[] out = new int[kept.size() * 3];
        for (int i = 0; i < kept.size(); i++) {
            System.arraycopy(kept.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    /** An edge shared by two removed triangles is inside the hole, not on its rim. */
    private static void addOrCancel(List<int[]> edges, int a, int b) {
        for (int i = 0; i < edges.size(); i++) {
            int[] e = edges.get(i);
            if (e[0] == b && e[1] == a || e[0] == a && e[1] == b) {
                edges.remove(i);
                return;
            }
        }
        edges.add(new int[] {a, b});
    }

    private static boolean inCircumcircle(double[] xy, int[] t, double px, double py) {
        double ax = xy[2 * t[0]] - px, ay = xy[2 * t[0] + 1] - py;
        double bx = xy[2 * t[1]] - px, by = xy[2 * t[1] + 1] - py;
        double cx = xy[2 * t[2]] - px, cy = xy[2 * t[2] + 1] - py;
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay)
                + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orientation = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return orientation > 0 ? det > 0 : det < 0;
    }
}
