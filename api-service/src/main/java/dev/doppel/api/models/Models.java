package dev.doppel.api.models;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.api.jobs.JobType;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.train.TrainParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** Trained (and training) models: one per train job, readable while the job still runs. */
@Service
public class Models {

    record Model(UUID id, String architecture, String engine, Map<String, UUID> faceSets, JsonNode options, long iteration,
            JsonNode losses, Double bestLoss, Double egsPerSecond, String checkpointKey, String bestCheckpointKey, String previewKey,
            JsonNode baseModel, Instant createdAt, Instant updatedAt) {
    }

    /** One point of the loss history: every named loss the architecture reports. */
    record Loss(long iteration, JsonNode losses) {
    }

    /** What a convert job needs to know of a model before it is queued. */
    /** @param pretrained a pretrain job's base: it learned many people's faces, not a pair */
    public record Convertible(String architecture, String engine, boolean hasCheckpoint, boolean pretrained) {
    }

    /**
     * The caller's model as a job of {@code kind} would use it: it exists, its architecture is one
     * that kind takes (a face swap converts, a sketch-to-face model reenacts), and it has the
     * checkpoint ({@code latest} or {@code best}) asked for.
     *
     * @throws ApiProblem a 422 saying which of these fails, and what would do
     */
    public Convertible usableBy(Caller caller, UUID id, String which, JobKind kind) {
        Convertible model = convertible(caller, id, which).orElseThrow(() -> JobType.invalid("Model " + id + " does not exist."));
        List<String> takers = architectures.find(model.architecture()).map(ModelArchitecture::usedBy).orElse(List.of());
        if (!takers.contains(kind.name())) {
            List<String> valid = architectures.usedBy(kind.name()).stream().map(ModelArchitecture::name).toList();
            throw JobType.invalid("Model " + id + " is of architecture '" + model.architecture() + "'"
                    + (takers.isEmpty() ? "" : ", whose models " + String.join(" and ", takers) + " jobs take")
                    + "; a " + kind.name() + " job takes a model of architecture " + String.join(" or ", valid) + ".");
        }
        if (model.pretrained()) {
            throw JobType.invalid("Model " + id + " is a pretrained base: it learned many people's faces, not a pair's; train a pair's"
                    + " model from it with 'baseModel', and " + kind.name() + " with that.");
        }
        if (!model.hasCheckpoint()) {
            throw JobType.invalid("Model " + id + " has no " + which + " checkpoint yet; its train job writes one every checkpointEvery iterations.");
        }
        return model;
    }

    /** What a train job that continues a model needs to know of it before it is queued. */
    public record Continuable(String architecture, String engine, int resolution, double widthScale, JsonNode options, long iteration,
            boolean hasCheckpoint, boolean training) {
    }

    /** A model trained on a face set that is being deleted takes no new jobs. */
    private static final String NOT_BEING_DELETED = "not exists (select 1 from model_face_sets f join face_sets s on s.id = f.face_set_id"
            + " where f.model_id = m.id and s.deleting_since is not null)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ModelArchitectures architectures;

    Models(JdbcClient jdbc, JsonMapper json, ModelArchitectures architectures) {
        this.jdbc = jdbc;
        this.json = json;
        this.architectures = architectures;
    }

    List<Model> list(Caller caller) {
        return jdbc.sql("select * from models_with_face_sets where tenant_id = :tenant order by created_at desc, id desc limit 200")
                .param("tenant", caller.tenantId()).query(this::toModel).list();
    }

    Model get(Caller caller, UUID id) {
        return jdbc.sql("select * from models_with_face_sets where id = :id and tenant_id = :tenant")
                .param("id", id).param("tenant", caller.tenantId()).query(this::toModel).optional()
                .orElseThrow(() -> ApiProblem.notFound("model", id));
    }

    /** The caller's model and whether it has the checkpoint ({@code latest} or {@code best}) a convert job would load. */
    public Optional<Convertible> convertible(Caller caller, UUID id, String which) {
        return jdbc.sql("select * from models_with_face_sets m where id = :id and tenant_id = :tenant and " + NOT_BEING_DELETED)
                .param("id", id).param("tenant", caller.tenantId()).query(this::toModel).optional()
                .map(model -> new Convertible(model.architecture(), model.engine(),
                        (which.equals("best") ? model.bestCheckpointKey() : model.checkpointKey()) != null,
                        model.faceSets().keySet().stream().anyMatch(TrainParameters::isPretrainRole)));
    }

    /** The caller's model as a train job would continue it: its build, how far it got, and whether its own job still trains it. */
    public Optional<Continuable> continuable(Caller caller, UUID id) {
        return jdbc.sql("""
                select m.*, j.state in ('QUEUED', 'RUNNING') as training
                from models_with_face_sets m left join jobs j on j.id = m.id
                where m.id = :id and m.tenant_id = :tenant
                """ + " and " + NOT_BEING_DELETED)
                .param("id", id).param("tenant", caller.tenantId())
                .query((rs, n) -> {
                    JsonNode options = json.readTree(rs.getString("options"));
                    return new Continuable(rs.getString("architecture"), rs.getString("engine"), options.path("resolution").asInt(),
                            options.path("widthScale").asDouble(), options.path("options"), rs.getLong("iteration"), rs.getString("checkpoint_key") != null,
                            rs.getBoolean("training"));
                })
                .optional();
    }

    /** Evenly thinned to at most {@code points}, so a long run still plots quickly. */
    List<Loss> losses(Caller caller, UUID id, int points) {
        String architecture = get(caller, id).architecture();
        return jdbc.sql("""
                select iteration, losses::text from (
                    select *, row_number() over (order by iteration) as n, count(*) over () as total
                    from model_losses where model_id = :id) history
                where (n - 1) % greatest(1, ceil(total::numeric / :points)::int) = 0 or n = total
                order by iteration
                """)
                .param("id", id).param("points", points)
                .query((rs, n) -> new Loss(rs.getLong(1), inDeclaredOrder(architecture, rs.getString(2)))).list();
    }

    /** PostgreSQL's jsonb keeps keys in its own order; clients get them in the order the architecture names them. */
    private JsonNode inDeclaredOrder(String architecture, String lossesJson) {
        JsonNode stored = json.readTree(lossesJson);
        ObjectNode ordered = json.createObjectNode();
        architectures.find(architecture).ifPresent(declared -> declared.allLosses().stream().filter(stored::has)
                .forEach(name -> ordered.set(name, stored.get(name))));
        stored.properties().forEach(loss -> {
            if (!ordered.has(loss.getKey())) {
                ordered.set(loss.getKey(), loss.getValue());
            }
        });
        return ordered;
    }

    private Map<String, UUID> faceSets(String rolesJson) {
        Map<String, UUID> roles = new LinkedHashMap<>();
        if (rolesJson != null) {
            json.readTree(rolesJson).properties().forEach(role -> roles.put(role.getKey(), UUID.fromString(role.getValue().asString())));
        }
        return roles;
    }

    private Model toModel(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Model(id, rs.getString("architecture"), rs.getString("engine"), faceSets(rs.getString("face_sets")), json.readTree(rs.getString("options")),
                rs.getLong("iteration"), inDeclaredOrder(rs.getString("architecture"), rs.getString("losses")), (Double) rs.getObject("best_loss"),
                (Double) rs.getObject("egs_per_second"), rs.getString("checkpoint_key"), rs.getString("best_checkpoint_key"),
                rs.getString("preview_key"), rs.getString("base_model") == null ? null : json.readTree(rs.getString("base_model")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
