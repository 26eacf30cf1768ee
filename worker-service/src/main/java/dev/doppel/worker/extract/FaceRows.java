package dev.doppel.worker.extract;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Replaces a face set's faces with those of the extract job that just succeeded. */
@Component
class FaceRows {

    private final JdbcClient jdbc;

    FaceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(UUID tenantId, UUID faceSetId, UUID jobId, List<FaceRow> rows) {
        jdbc.sql("delete from faces where face_set_id = :faceSet and tenant_id = :tenant")
                .param("faceSet", faceSetId).param("tenant", tenantId).update();
        for (FaceRow row : rows) {
            jdbc.sql("""
                    insert into faces (id, tenant_id, face_set_id, media_id, job_id, frame_index, timestamp_ms, face_index,
                                       crop_key, mask_key, crop_size, coverage, box, landmarks, to_crop, detection_score,
                                       blur, face_size, yaw, pitch, embedding, identity_distance)
                    values (:id, :tenant, :faceSet, :media, :job, :frame, :timestamp, :faceIndex, :cropKey, :maskKey, :cropSize,
                            :coverage, cast(:box as jsonb), cast(:landmarks as jsonb), cast(:toCrop as jsonb), :score, :blur,
                            :size, :yaw, :pitch, :embedding, :identity)
                    """)
                    .param("id", row.id()).param("tenant", tenantId).param("faceSet", faceSetId).param("media", row.mediaId())
                    .param("job", jobId).param("frame", row.frameIndex()).param("timestamp", row.timestampMillis())
                    .param("faceIndex", row.faceIndex()).param("cropKey", row.cropKey()).param("maskKey", row.maskKey())
                    .param("cropSize", row.cropSize()).param("coverage", row.coverage()).param("box", row.boxJson())
                    .param("landmarks", row.landmarksJson()).param("toCrop", row.toCropJson())
                    .param("score", row.detectionScore()).param("blur", row.blur()).param("size", row.faceSize())
                    .param("yaw", row.yaw()).param("pitch", row.pitch()).param("embedding", boxed(row.embedding()))
                    .param("identity", row.identityDistance())
                    .update();
        }
    }

    /** The PostgreSQL driver maps Float[] to real[]. */
    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
