package dev.doppel.worker.train;

import java.util.UUID;

import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.train.TrainParameters;
import dev.doppel.pipeline.swap.StepLosses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The model row a train job keeps up to date while it trains. Every write is conditional on the
 * job's lease, so a worker that lost the job cannot overwrite the one that has it now.
 */
@Component
class ModelRows {

    private static final String HOLDS_LEASE =
            "exists (select 1 from jobs j where j.id = :id and j.lease_owner = :owner and j.attempt = :attempt and j.state = 'RUNNING')";

    private final JdbcClient jdbc;

    ModelRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void ensure(JobLease lease, TrainParameters parameters, String optionsJson) {
        jdbc.sql("""
                insert into models (id, tenant_id, face_set_a, face_set_b, architecture, options)
                values (:id, :tenant, :a, :b, :architecture, cast(:options as jsonb))
                on conflict (id) do nothing
                """)
                .param("id", lease.jobId()).param("tenant", lease.tenantId()).param("a", parameters.faceSetA())
                .param("b", parameters.faceSetB()).param("architecture", parameters.architecture()).param("options", optionsJson)
                .update();
    }

    void recordLoss(JobLease lease, StepLosses losses) {
        jdbc.sql("insert into model_losses (model_id, iteration, loss_a, loss_b) select :id, :iteration, :a, :b where "
                        + HOLDS_LEASE + " on conflict do nothing")
                .param("id", lease.jobId()).param("iteration", losses.iteration()).param("a", losses.lossA()).param("b", losses.lossB())
                .param("owner", lease.owner()).param("attempt", lease.attempt())
                .update();
    }

    void checkpointed(JobLease lease, StepLosses losses, double egsPerSecond, String checkpointKey, String bestKey, Double bestLoss,
            String previewKey) {
        jdbc.sql("update models set iteration = :iteration, loss_a = :a, loss_b = :b, egs_per_second = :egs, checkpoint_key = :checkpoint, "
                        + "best_checkpoint_key = coalesce(:best, best_checkpoint_key), best_loss = coalesce(:bestLoss, best_loss), "
                        + "preview_key = :preview, updated_at = now() where id = :id and " + HOLDS_LEASE)
                .param("iteration", losses.iteration()).param("a", losses.lossA()).param("b", losses.lossB()).param("egs", egsPerSecond)
                .param("checkpoint", checkpointKey).param("best", bestKey).param("bestLoss", bestLoss).param("preview", previewKey)
                .param("id", lease.jobId()).param("owner", lease.owner()).param("attempt", lease.attempt())
                .update();
    }

    Double bestLoss(UUID modelId) {
        return jdbc.sql("select best_loss from models where id = :id").param("id", modelId).query(Double.class).optional().orElse(null);
    }
}
