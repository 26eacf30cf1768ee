package dev.doppel.api.facesets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.storage.ObjectStore;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The faces an extract job found in a face set: list and sort them, remove bad ones, pick the reference. */
@Service
class FaceSetFaces {

    /** Sort keys users know from faceswap's sort tool; each maps to a fixed ORDER BY, never to client text. */
    enum Sort {
        POSITION("frame_index, face_index, id"),
        SHARPNESS("blur desc, id"),
        SIZE("face_size desc, id"),
        POSE("abs(yaw) + abs(pitch), id"),
        IDENTITY("identity_distance nulls last, id"),
        SCORE("detection_score desc, id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    record Face(UUID id, UUID mediaId, long frameIndex, Long timestampMs, int faceIndex, JsonNode box, double detectionScore,
            double blur, double size, double yaw, double pitch, Double identityDistance, String cropKey, String maskKey) {
    }

    private final FaceSets faceSets;
    private final JdbcClient jdbc;
    private final ObjectStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    FaceSetFaces(FaceSets faceSets, JdbcClient jdbc, ObjectStore store, AuditLog audit, TransactionTemplate transactions,
            JsonMapper json) {
        this.faceSets = faceSets;
        this.jdbc = jdbc;
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
    }

    List<Face> list(Caller caller, UUID faceSetId, Sort sort, int limit, int offset) {
        faceSets.get(caller, faceSetId);
        return jdbc.sql("select * from faces where face_set_id = :faceSet and tenant_id = :tenant order by " + sort.orderBy
                        + " limit :limit offset :offset")
                .param("faceSet", faceSetId).param("tenant", caller.tenantId()).param("limit", limit).param("offset", offset)
                .query(this::toFace)
                .list();
    }

    Face get(Caller caller, UUID faceSetId, UUID faceId) {
        faceSets.get(caller, faceSetId);
        return jdbc.sql("select * from faces where id = :id and face_set_id = :faceSet and tenant_id = :tenant")
                .param("id", faceId).param("faceSet", faceSetId).param("tenant", caller.tenantId())
                .query(this::toFace).optional()
                .orElseThrow(() -> ApiProblem.notFound("face", faceId));
    }

    void delete(Caller caller, UUID faceSetId, UUID faceId) {
        Face face = get(caller, faceSetId, faceId);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from faces where id = :id and tenant_id = :tenant").param("id", faceId).param("tenant", caller.tenantId())
                    .update();
            audit.record(caller, "face.deleted", "face-set", faceSetId, Map.of("faceId", faceId));
        });
        store.remove(face.cropKey());
        store.remove(face.maskKey());
    }

    /** Makes {@code faceId} "this person" and scores every face of the set by its distance to it. */
    void pickReference(Caller caller, UUID faceSetId, UUID faceId) {
        get(caller, faceSetId, faceId);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update face_sets set reference_face_id = :face where id = :faceSet and tenant_id = :tenant")
                    .param("face", faceId).param("faceSet", faceSetId).param("tenant", caller.tenantId()).update();
            jdbc.sql("""
                    update faces f set identity_distance = (
                        select sqrt(sum((a.x - b.x) * (a.x - b.x)))
                        from unnest(f.embedding) with ordinality as a(x, i)
                        join unnest(r.embedding) with ordinality as b(x, i) using (i))
                    from faces r
                    where r.id = :face and f.face_set_id = :faceSet and f.tenant_id = :tenant
                    """)
                    .param("face", faceId).param("faceSet", faceSetId).param("tenant", caller.tenantId()).update();
            audit.record(caller, "face-set.reference-picked", "face-set", faceSetId, Map.of("faceId", faceId));
        });
    }

    private Face toFace(ResultSet rs, int row) throws SQLException {
        return new Face(rs.getObject("id", UUID.class), rs.getObject("media_id", UUID.class), rs.getLong("frame_index"),
                (Long) rs.getObject("timestamp_ms"), rs.getInt("face_index"), json.readTree(rs.getString("box")),
                rs.getDouble("detection_score"), rs.getDouble("blur"), rs.getDouble("face_size"), rs.getDouble("yaw"),
                rs.getDouble("pitch"), (Double) rs.getObject("identity_distance"), rs.getString("crop_key"), rs.getString("mask_key"));
    }

    static Sort sort(String value) {
        try {
            return Sort.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "sort must be one of position, sharpness, size, pose, identity, score.");
        }
    }
}
