package dev.doppel.api.train;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.train.TrainParameters;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Train jobs wait in the queue of their engine, so only workers that run that engine take them. */
@Component
class TrainJobType implements JobType<TrainParameters> {

    private final FaceSets faceSets;
    private final ModelArchitectures architectures;

    TrainJobType(FaceSets faceSets, ModelArchitectures architectures) {
        this.faceSets = faceSets;
        this.architectures = architectures;
    }

    @Override
    public JobKind kind() {
        return TrainParameters.KIND;
    }

    @Override
    public String description() {
        return "Train a model of an architecture on an engine from extracted face sets, with checkpoints and previews.";
    }

    @Override
    public TrainParameters parse(JsonNode parameters) {
        return TrainParameters.parse(parameters, architectures);
    }

    @Override
    public void check(Caller caller, TrainParameters parameters) {
        for (Map.Entry<String, UUID> role : parameters.faceSets().entrySet()) {
            UUID faceSetId = role.getValue();
            try {
                faceSets.get(caller, faceSetId);
            } catch (ApiProblem notFound) {
                throw JobType.invalid("Face set " + faceSetId + " does not exist.");
            }
            if (faceSets.faceCount(caller, faceSetId) == 0) {
                throw JobType.invalid("Face set " + faceSetId + " has no extracted faces; run an extract job on it first.");
            }
        }
    }

    /** The engine the API chose is written down: the worker must not fall back on a default of its own. */
    @Override
    public JsonNode stored(JsonNode submitted, TrainParameters parameters) {
        if (submitted.has("engine")) {
            return submitted;
        }
        ObjectNode stored = ((ObjectNode) submitted).deepCopy();
        stored.put("engine", parameters.engine());
        return stored;
    }

    @Override
    public JobRoute route(Caller caller, TrainParameters parameters) {
        return JobRoute.of(kind(), parameters.engine());
    }

    @Override
    public Set<JobRoute> routes() {
        return architectures.engines().stream().map(engine -> JobRoute.of(kind(), engine)).collect(Collectors.toSet());
    }
}
