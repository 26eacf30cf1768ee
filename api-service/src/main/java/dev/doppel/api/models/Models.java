package dev.doppel.api.models;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Trained (and training) models: one per train job, readable while the job still runs. */
@Service
public class Models {

    record Model(UUID id, UUID faceSetA, UUID faceSetB, String architecture, JsonNode options, long iteration, Double lossA,
            Double lossB, Double bestLoss, Double egsPerSecond, String checkpointKey, String bestCheckpointKey, String previewKey,
            Instant createdAt, Instant updatedAt) {
    }

    record Loss(long iteration, double lossA, double lossB) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Models(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Model> list(Caller caller) {
        return jdbc.sql("select * from models where tenant_id = :tenant order by created_at desc, id desc limit 200")
                .param("tenant", caller.tenantId()).query(this::toModel).list();
    }

    Model get(Caller caller, UUID id) {
        return jdbc.sql("select * from models where id = :id and tenant_id = :tenant")
                .param("id", id).param("tenant", caller.tenantId()).query(this::toModel).optional()
                .orElseThrow(() -> ApiProblem.notFound("model", id));
    }

    /**
     * Whether the caller's model has the checkpoint a convert job would load ({@code latest} or
     * {@code best}); throws the model-not-found problem when there is no such model.
     */
    public boolean hasCheckpoint(Caller caller, UUID id, String which) {
        Model model = get(caller, id);
        return (which.equals("best") ? model.bestCheckpointKey() : model.checkpointKey()) != null;
    }

    /** Evenly thinned to at most {@code points}, so a long run still plots quickly. */
    List<Loss> losses(Caller caller, UUID id, int points) {
        get(caller, id);
        return jdbc.sql("""
                select iteration, loss_a, loss_b from (
                    select *, row_number() over (order by iteration) as n, count(*) over () as total
                    from model_losses where model_id = :id) history
                where (n - 1) % greatest(1, ceil(total::numeric / :points)::int) = 0 or n = total
                order by iteration
                """)
                .param("id", id).param("points", points)
                .query((rs, n) -> new Loss(rs.getLong(1), rs.getDouble(2), rs.getDouble(3))).list();
    }

    private Model toModel(ResultSet rs, int row) throws SQLException {
        return new Model(rs.getObject("id", UUID.class), rs.getObject("face_set_a", UUID.class), rs.getObject("face_set_b", UUID.class),
                rs.getString("architecture"), json.readTree(rs.getString("options")), rs.getLong("iteration"),
                (Double) rs.getObject("loss_a"), (Double) rs.getObject("loss_b"), (Double) rs.getObject("best_loss"),
                (Double) rs.getObject("egs_per_second"), rs.getString("checkpoint_key"), rs.getString("best_checkpoint_key"),
                rs.getString("preview_key"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
