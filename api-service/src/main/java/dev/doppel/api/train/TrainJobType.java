package dev.doppel.api.train;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.models.Models;
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
    private final Models models;
    private final ModelArchitectures architectures;

    TrainJobType(FaceSets faceSets, Models models, ModelArchitectures architectures) {
        this.faceSets = faceSets;
        this.models = models;
        this.architectures = architectures;
    }

    @Override
    public JobKind kind() {
        return TrainParameters.KIND;
    }

    @Override
    public String description() {
        return "Train a model of an architecture on an engine from extracted face sets, with checkpoints and previews;"
                + " or continue a trained model (continueFrom), optionally refining it with a GAN (gan).";
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
        if (parameters.continueFrom() != null) {
            checkContinuable(caller, parameters);
        }
    }

    /** A model continues as it was built: same architecture, engine, resolution and width, and only forward. */
    private void checkContinuable(Caller caller, TrainParameters parameters) {
        UUID id = parameters.continueFrom();
        Models.Continuable base = models.continuable(caller, id)
                .orElseThrow(() -> JobType.invalid("Model " + id + " in 'continueFrom' does not exist."));
        if (base.training()) {
            throw JobType.invalid("Model " + id + " is still training; continue it once its train job has ended.");
        }
        if (!base.hasCheckpoint()) {
            throw JobType.invalid("Model " + id + " has no checkpoint to continue from.");
        }
        if (!base.architecture().equals(parameters.architecture()) || !base.engine().equals(parameters.engine())
                || base.resolution() != parameters.resolution() || base.widthScale() != parameters.widthScale()) {
            throw JobType.invalid(String.format(Locale.ROOT,
                    "Model %s is architecture '%s' on engine '%s' at resolution %d and widthScale %s; a job continuing it must ask for"
                            + " the same, not '%s' on '%s' at %d and %s.", id, base.architecture(), base.engine(), base.resolution(),
                    base.widthScale(), parameters.architecture(), parameters.engine(), parameters.resolution(), parameters.widthScale()));
        }
        if (parameters.iterations() <= base.iteration()) {
            throw JobType.invalid("Parameter 'iterations' counts from the model's first step: model " + id + " has trained "
                    + base.iteration() + " already, so ask for more.");
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
