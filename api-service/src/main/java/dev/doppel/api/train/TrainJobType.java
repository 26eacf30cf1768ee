package dev.doppel.api.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
                + " or continue a trained model (continueFrom), optionally refining it with a GAN (gan); or pretrain a base on many"
                + " people's faces (pretrain, faceSets) and start a pair's model from it (baseModel).";
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
            Models.Continuable base = builtTheSame(caller, parameters, parameters.continueFrom(), "continueFrom", "continue it", "continue from", "continuing");
            if (parameters.iterations() <= base.iteration()) {
                throw JobType.invalid("Parameter 'iterations' counts from the model's first step: model " + parameters.continueFrom()
                        + " has trained " + base.iteration() + " already, so ask for more.");
            }
        }
        if (parameters.baseModel() != null) {
            builtTheSame(caller, parameters, parameters.baseModel(), "baseModel", "start from it", "start from", "starting from");
        }
    }

    /**
     * A model continues, or gives its weights, only to a model built as it was: same architecture,
     * engine, resolution, width and options; and only once its own job has ended with a checkpoint.
     */
    private Models.Continuable builtTheSame(Caller caller, TrainParameters parameters, UUID id, String parameter, String useIt,
            String useFrom, String gerund) {
        Models.Continuable base = models.continuable(caller, id)
                .orElseThrow(() -> JobType.invalid("Model " + id + " in '" + parameter + "' does not exist."));
        if (base.training()) {
            throw JobType.invalid("Model " + id + " is still training; " + useIt + " once its train job has ended.");
        }
        if (!base.hasCheckpoint()) {
            throw JobType.invalid("Model " + id + " has no checkpoint to " + useFrom + ".");
        }
        if (!base.architecture().equals(parameters.architecture()) || !base.engine().equals(parameters.engine())
                || base.resolution() != parameters.resolution() || base.widthScale() != parameters.widthScale()) {
            throw JobType.invalid(String.format(Locale.ROOT,
                    "Model %s is architecture '%s' on engine '%s' at resolution %d and widthScale %s; a job %s it must ask for"
                            + " the same, not '%s' on '%s' at %d and %s.", id, base.architecture(), base.engine(), base.resolution(),
                    base.widthScale(), gerund, parameters.architecture(), parameters.engine(), parameters.resolution(), parameters.widthScale()));
        }
        // A model made before its architecture had an option was built with that option's default.
        Map<String, Object> baseOptions = new LinkedHashMap<>();
        architectures.get(parameters.architecture()).options().stream().filter(option -> option.defaultValue() != null)
                .forEach(option -> baseOptions.put(option.name(), option.defaultValue()));
        base.options().properties().forEach(option -> baseOptions.put(option.getKey(),
                option.getValue().isNumber() ? (Object) option.getValue().asInt() : option.getValue().asString()));
        List<String> differences = new ArrayList<>();
        parameters.options().forEach((name, asked) -> {
            if (!asked.equals(baseOptions.get(name))) {
                differences.add("options." + name + " " + baseOptions.get(name) + ", not " + asked);
            }
        });
        if (!differences.isEmpty() || !baseOptions.keySet().equals(parameters.options().keySet())) {
            throw JobType.invalid("Model " + id + " was built with other options; a job " + gerund + " it must ask for the same: "
                    + (differences.isEmpty() ? baseOptions : String.join("; ", differences)) + ".");
        }
        return base;
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
