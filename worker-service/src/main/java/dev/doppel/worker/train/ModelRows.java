package dev.doppel.worker.train;

import java.util.Map;
import java.util.UUID;

import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.train.TrainParameters;
import dev.doppel.pipeline.family.NamedLosses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model row a train job keeps up to date while it trains. Every write is conditional on the
 * job's lease, so a worker that lost the job cannot overwrite the one that has it now.
 */
@Component
class ModelRows {

    private static final String HOLDS_LEASE =
            "exists (select 1 from jobs j where j.id = :id and j.lease_owner = :owner and j.attempt = :attempt and j.state = 'RUNNING')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelRows(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param baseModelJson where the first weights came from, or null: only the attempt that copied them knows it */
    void ensure(JobLease lease, TrainParameters parameters, String optionsJson, String baseModelJson) {
        jdbc.sql("""
                insert into models (id, tenant_id, architecture, engine, options, base_model)
                values (:id, :tenant, :architecture, :engine, cast(:options as jsonb), cast(:base as jsonb))
                on conflict (id) do update set base_model = coalesce(models.base_model, excluded.base_model)
                """)
                .param("id", lease.jobId()).param("tenant", lease.tenantId()).param("architecture", parameters.architecture())
                .param("engine", parameters.engine()).param("options", optionsJson).param("base", baseModelJson)
                .update();
        // Every attempt writes the roles again: an attempt that died between the two inserts leaves none missing.
        for (Map.Entry<String, UUID> role : parameters.faceSets().entrySet()) {
            jdbc.sql("insert into model_face_sets (model_id, role, face_set_id) values (:id, :role, :faceSet) on conflict do nothing")
                    .param("id", lease.jobId()).param("role", role.getKey()).param("faceSet", role.getValue()).update();
        }
    }

    void recordLoss(JobLease lease, NamedLosses losses) {
        jdbc.sql("insert into model_losses (model_id, iteration, losses) select :id, :iteration, cast(:losses as jsonb) where "
                        + HOLDS_LEASE + " on conflict do nothing")
                .param("id", lease.jobId()).param("iteration", losses.iteration()).param("losses", json.writeValueAsString(losses.values()))
                .param("owner", lease.owner()).param("attempt", lease.attempt())
                .update();
    }

    void checkpointed(JobLease lease, NamedLosses losses, double egsPerSecond, String checkpointKey, String bestKey, Double bestLoss,
            String previewKey) {
        jdbc.sql("update models set iteration = :iteration, losses = cast(:losses as jsonb), egs_per_second = :egs, "
                        + "checkpoint_key = :checkpoint, best_checkpoint_key = coalesce(:best, best_checkpoint_key), "
                        + "best_loss = coalesce(:bestLoss, best_loss), preview_key = :preview, updated_at = now() where id = :id and "
                        + HOLDS_LEASE)
                .param("iteration", losses.iteration()).param("losses", json.writeValueAsString(losses.values())).param("egs", egsPerSecond)
                .param("checkpoint", checkpointKey).param("best", bestKey).param("bestLoss", bestLoss).param("preview", previewKey)
                .param("id", lease.jobId()).param("owner", lease.owner()).param("attempt", lease.attempt())
                .update();
    }

    Double bestLoss(UUID modelId) {
        return jdbc.sql("select best_loss from models where id = :id").param("id", modelId).query(Double.class).optional().orElse(null);
    }
}
