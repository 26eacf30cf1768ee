package dev.doppel.model.train;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.doppel.model.families.ArchitectureOption;
import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import tools.jackson.databind.JsonNode;

/**
 * What a train job may be asked, parsed the same way by the API and the worker against the same
 * architectures. Defaults are the field's: faceswap's "Original" on SameDiff at 64 px and full
 * width, batch 16, the architecture's learning rate (Adam at 5e-5 for the Original), a checkpoint
 * with a preview every 250 iterations.
 *
 * @param faceSets     one face set per role of the architecture ({@code A} and {@code B} for DeepFakes), in its order
 * @param gan          adversarial refinement, or null for none ({@link GanParameters})
 * @param continueFrom a trained model this job starts from, with its weights and optimiser state, or null for a new one;
 *                     {@code iterations} counts from its first step, as always
 * @param options      the architecture's own options ({@link ArchitectureOption}), defaults filled in; an option the model
 *                     derives from the others is here only when the job set it
 * @param pretrain     a base for later pairs: the face sets ({@code faceSets}, roles {@code pretrain-1}, ...) are many
 *                     people's, all given in every role of the architecture
 * @param baseModel    a trained model whose weights a new model starts from (optimiser and iteration afresh), or null
 */
public record TrainParameters(
        Map<String, UUID> faceSets,
        String architecture,
        String engine,
        int resolution,
        double widthScale,
        int batchSize,
        long iterations,
        int checkpointEvery,
        double learningRate,
        GanParameters gan,
        UUID continueFrom,
        Map<String, Object> options,
        boolean pretrain,
        UUID baseModel) {

    public static final JobKind KIND = JobKind.of("train");
    /** The most face sets one pretrain job learns from. */
    public static final int MAX_PRETRAIN_FACE_SETS = 50;

    public TrainParameters {
        faceSets = Collections.unmodifiableMap(new LinkedHashMap<>(faceSets));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    private static final String PRETRAIN_ROLE = "pretrain-";

    /** The role of a pretrain job's n-th face set (from 1), as its model records it. */
    public static String pretrainRole(int n) {
        return PRETRAIN_ROLE + n;
    }

    /** Whether a model's face set role is a pretrain job's: the model is a base, not a pair's. */
    public static boolean isPretrainRole(String role) {
        return role.startsWith(PRETRAIN_ROLE);
    }

    public UUID faceSet(String role) {
        UUID id = faceSets.get(role);
        if (id == null) {
            throw new IllegalStateException("architecture " + architecture + " has no face set role " + role);
        }
        return id;
    }

    public static TrainParameters parse(JsonNode parameters, ModelArchitectures architectures) {
        ModelArchitecture architecture = architectures.get(parameters.path("architecture").asString("original"));
        JsonNode ganNode = parameters.get("gan");
        boolean refining = ganNode != null && !ganNode.isNull();
        boolean tuning = parameters.path("pretrain").asBoolean(false) || parameters.hasNonNull("baseModel");
        String engine = parameters.path("engine").asString(refining && architecture.ganRefinement() != null
                ? architectures.defaultRefiningEngine(architecture)
                : tuning && architecture.fineTuning() != null ? architectures.defaultFineTuningEngine(architecture)
                : architectures.defaultEngine(architecture));
        if (!architecture.engines().contains(engine)) {
            throw new IllegalArgumentException("Parameter 'engine' must be one of " + String.join(", ", architecture.engines())
                    + " for architecture '" + architecture.name() + "', not '" + engine + "'.");
        }
        boolean pretrain = parameters.path("pretrain").asBoolean(false);
        if (pretrain && architecture.fineTuning() == null) {
            throw new IllegalArgumentException("Architecture '" + architecture.name() + "' has no pretrain mode; "
                    + fineTunable(architectures) + ".");
        }
        Map<String, UUID> faceSets = pretrain ? pretrainFaceSets(parameters, architecture) : faceSetsByRole(parameters, architecture);
        int resolution = parameters.path("resolution").asInt(architecture.defaultResolution());
        if (!architecture.resolutions().contains(resolution)) {
            throw new IllegalArgumentException("Parameter 'resolution' must be one of " + architecture.resolutions() + ".");
        }
        double widthScale = parameters.path("widthScale").asDouble(1.0);
        if (!(widthScale > 0 && widthScale <= 2)) {
            throw new IllegalArgumentException("Parameter 'widthScale' must be above 0 and at most 2.");
        }
        int batchSize = parameters.path("batchSize").asInt(16);
        if (batchSize < 1 || batchSize > 64) {
            throw new IllegalArgumentException("Parameter 'batchSize' must be between 1 and 64.");
        }
        long iterations = parameters.path("iterations").asLong(20_000);
        if (iterations < 1 || iterations > 10_000_000) {
            throw new IllegalArgumentException("Parameter 'iterations' must be between 1 and 10000000.");
        }
        int checkpointEvery = parameters.path("checkpointEvery").asInt(250);
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("Parameter 'checkpointEvery' must be at least 1.");
        }
        double learningRate = parameters.path("learningRate").asDouble(architecture.defaultLearningRate());
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("Parameter 'learningRate' must be above 0 and below 1.");
        }
        UUID continueFrom = null;
        JsonNode from = parameters.get("continueFrom");
        if (from != null && !from.isNull()) {
            continueFrom = id(from, "continueFrom", "a model id");
        }
        GanParameters gan = null;
        if (refining) {
            gan = GanParameters.parse(ganNode, architecture, resolution, iterations, continueFrom != null);
            List<String> refiningEngines = architecture.ganRefinement().engines();
            if (!refiningEngines.contains(engine)) {
                throw new IllegalArgumentException("Parameter 'gan' needs engine " + String.join(" or ", refiningEngines)
                        + " for architecture '" + architecture.name() + "', not '" + engine + "'.");
            }
        }
        Map<String, Object> options = options(parameters.get("options"), architecture);
        UUID baseModel = null;
        JsonNode base = parameters.get("baseModel");
        if (base != null && !base.isNull()) {
            baseModel = id(base, "baseModel", "a model id");
            if (architecture.fineTuning() == null) {
                throw new IllegalArgumentException("Architecture '" + architecture.name() + "' cannot start from a base model; "
                        + fineTunable(architectures) + ".");
            }
            if (continueFrom != null) {
                throw new IllegalArgumentException("Parameters 'baseModel' and 'continueFrom' exclude each other: 'continueFrom' goes on"
                        + " with a model's optimiser and iterations, 'baseModel' starts a new model from its weights.");
            }
        }
        if ((pretrain || baseModel != null) && !architecture.fineTuning().engines().contains(engine)) {
            throw new IllegalArgumentException("Parameter '" + (pretrain ? "pretrain" : "baseModel") + "' needs engine "
                    + String.join(" or ", architecture.fineTuning().engines()) + " for architecture '" + architecture.name()
                    + "', not '" + engine + "'.");
        }
        if (pretrain && gan != null) {
            throw new IllegalArgumentException("Parameter 'gan' does not go with 'pretrain': a base learns faces, refine the pair trained from it.");
        }
        return new TrainParameters(faceSets, architecture.name(), engine, resolution, widthScale, batchSize, iterations,
                checkpointEvery, learningRate, gan, continueFrom, options, pretrain, baseModel);
    }

    private static Map<String, UUID> faceSetsByRole(JsonNode parameters, ModelArchitecture architecture) {
        Map<String, UUID> faceSets = new LinkedHashMap<>();
        Set<UUID> distinct = new HashSet<>();
        for (String role : architecture.inputs()) {
            UUID id = uuid(parameters, ModelArchitecture.faceSetParameter(role));
            if (!distinct.add(id)) {
                List<String> names = architecture.inputs().stream().map(r -> "'" + ModelArchitecture.faceSetParameter(r) + "'").toList();
                throw new IllegalArgumentException("Parameters " + String.join(" and ", names) + " must be "
                        + (names.size() == 2 ? "two " : "") + "different face sets.");
            }
            faceSets.put(role, id);
        }
        return faceSets;
    }

    /** DeepFaceLab pretrains on a folder of anyone's faces: here, a list of face sets, the more people the better. */
    private static Map<String, UUID> pretrainFaceSets(JsonNode parameters, ModelArchitecture architecture) {
        for (String role : architecture.inputs()) {
            if (parameters.has(ModelArchitecture.faceSetParameter(role))) {
                throw new IllegalArgumentException("A pretrain job learns from 'faceSets' (a list), not '"
                        + ModelArchitecture.faceSetParameter(role) + "'.");
            }
        }
        JsonNode list = parameters.get("faceSets");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_PRETRAIN_FACE_SETS) {
            throw new IllegalArgumentException("Parameter 'faceSets' is required with 'pretrain' and must be a list of 1 to "
                    + MAX_PRETRAIN_FACE_SETS + " face set ids.");
        }
        Map<String, UUID> faceSets = new LinkedHashMap<>();
        Set<UUID> distinct = new HashSet<>();
        for (JsonNode item : list) {
            UUID id = id(item, "faceSets", "a list of face set ids");
            if (!distinct.add(id)) {
                throw new IllegalArgumentException("Parameter 'faceSets' names face set " + id + " twice.");
            }
            faceSets.put(pretrainRole(faceSets.size() + 1), id);
        }
        return faceSets;
    }

    private static Map<String, Object> options(JsonNode asked, ModelArchitecture architecture) {
        Map<String, Object> options = new LinkedHashMap<>();
        architecture.options().stream().filter(option -> option.defaultValue() != null)
                .forEach(option -> options.put(option.name(), option.defaultValue()));
        if (asked == null || asked.isNull()) {
            return options;
        }
        if (architecture.options().isEmpty()) {
            throw new IllegalArgumentException("Architecture '" + architecture.name() + "' has no options; drop parameter 'options'.");
        }
        if (!asked.isObject()) {
            throw new IllegalArgumentException("Parameter 'options' must be an object of " + optionNames(architecture) + ".");
        }
        for (Map.Entry<String, JsonNode> entry : asked.properties()) {
            ArchitectureOption option = architecture.option(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "Architecture '" + architecture.name() + "' has no option '" + entry.getKey() + "'; it has " + optionNames(architecture) + "."));
            options.put(option.name(), option.parse(entry.getValue()));
        }
        return options;
    }

    private static String optionNames(ModelArchitecture architecture) {
        return String.join(", ", architecture.options().stream().map(ArchitectureOption::name).toList());
    }

    private static String fineTunable(ModelArchitectures architectures) {
        List<String> names = architectures.all().stream().filter(a -> a.fineTuning() != null).map(ModelArchitecture::name).toList();
        return names.isEmpty() ? "no architecture has" : "architecture " + String.join(" or ", names) + " has";
    }

    private static UUID uuid(JsonNode parameters, String name) {
        JsonNode value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' is required and must be a face set id.");
        }
        return id(value, name, "a face set id");
    }

    private static UUID id(JsonNode value, String name, String what) {
        if (!value.isString()) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be " + what + ".");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be " + what + ", not '" + value.asString() + "'.");
        }
    }
}
