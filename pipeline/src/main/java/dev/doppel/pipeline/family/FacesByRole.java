package dev.doppel.pipeline.family;

import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.train.TrainingFace;

/** A recipe's faces, by the roles its architecture declares. */
public final class FacesByRole {

    private FacesByRole() {
    }

    /** @throws UnsuitableFaces naming the family and the role, when the role has no faces */
    public static List<TrainingFace> require(Map<String, List<TrainingFace>> faces, String role, String family) {
        List<TrainingFace> list = faces.get(role);
        if (list == null || list.isEmpty()) {
            throw new UnsuitableFaces("the " + family + " family needs faces for role " + role);
        }
        return list;
    }

    /** The first few faces, which every preview of a run shows, so previews are comparable over time. */
    public static List<TrainingFace> forPreview(List<TrainingFace> faces, int count) {
        return faces.subList(0, Math.min(count, faces.size()));
    }
}
