package dev.doppel.worker.extract;

import java.util.UUID;

/** One kept face as the faces table stores it; JSON columns are pre-rendered. */
record FaceRow(
        UUID id,
        UUID mediaId,
        long frameIndex,
        Long timestampMillis,
        int faceIndex,
        String cropKey,
        String maskKey,
        int cropSize,
        String coverage,
        String boxJson,
        String landmarksJson,
        String toCropJson,
        double detectionScore,
        double blur,
        double faceSize,
        double yaw,
        double pitch,
        float[] embedding,
        Double identityDistance) {
}
