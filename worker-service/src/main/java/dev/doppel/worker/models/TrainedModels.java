package dev.doppel.worker.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.pipeline.family.CheckpointArchive;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Models trained before the job at hand, as convert jobs and train jobs that continue a model find
 * them. The tenant is part of every query, so a job cannot reach another tenant's models.
 */
@Component
public class TrainedModels {

    public record Model(UUID id, String architecture, String engine, Map<String, UUID> faceSets, String latestCheckpointKey,
            String bestCheckpointKey, long iteration) {
    }

    private final JdbcClient jdbc;

    TrainedModels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Model> find(UUID tenantId, UUID modelId) {
        Map<String, UUID> faceSets = new HashMap<>();
        jdbc.sql("select role, face_set_id from model_face_sets where model_id = :id").param("id", modelId)
                .query((rs, n) -> faceSets.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        return jdbc.sql("""
                select architecture, engine, checkpoint_key, best_checkpoint_key, iteration
                from models where id = :id and tenant_id = :tenant
                """)
                .param("id", modelId).param("tenant", tenantId)
                .query((rs, n) -> new Model(modelId, rs.getString("architecture"), rs.getString("engine"), Map.copyOf(faceSets),
                        rs.getString("checkpoint_key"), rs.getString("best_checkpoint_key"), rs.getLong("iteration")))
                .optional();
    }

    /** The tenant's model, or the job fails as {@code model-not-found}. */
    public Model require(UUID tenantId, UUID modelId) {
        return find(tenantId, modelId).orElseThrow(() -> new JobFailure("model-not-found", "Model " + modelId + " does not exist."));
    }

    /** The key of the model's {@code latest} or {@code best} checkpoint, or the job fails as {@code model-has-no-checkpoint}. */
    public static String checkpointKey(Model model, String which) {
        String key = which.equals("best") ? model.bestCheckpointKey() : model.latestCheckpointKey();
        if (key == null) {
            throw new JobFailure("model-has-no-checkpoint", "Model " + model.id() + " has no " + which
                    + " checkpoint yet; its train job writes one every checkpointEvery iterations.");
        }
        return key;
    }

    /** The checkpoint under {@code key}, downloaded and unpacked into the job's scratch {@code folder}. */
    public static Path unpacked(JobContext context, String key, String folder) throws IOException {
        Path zip = context.scratch().resolve(folder + ".zip");
        context.store().download(key, zip);
        Path unpacked = context.scratch().resolve(folder);
        CheckpointArchive.unpack(zip, unpacked);
        return unpacked;
    }
}
