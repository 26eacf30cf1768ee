package dev.doppel.model.families;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the API and the worker agree on about one architecture, before any network is built: the
 * family it belongs to, the face sets it learns from (by role), the losses it reports, the engines
 * that can run it and the resolutions it takes. The networks themselves live in the pipeline and
 * are registered in the worker per (architecture, engine).
 *
 * @param name        the {@code architecture} parameter of a train job
 * @param family      the method it belongs to ({@code deepfakes}, {@code cyclegan}, ...): what training and conversion do with it
 * @param inputs      face set roles; a train job names one face set per role as {@code faceSet<Role>}
 * @param losses      the named losses each step reports, in the order they are shown
 * @param engines     engines with an implementation, the default first
 * @param resolutions face sides in pixels it can be built for, the default first
 * @param defaultLearningRate the optimiser's step size when a train job gives none: the method's published value
 * @param ganRefinement what a train job's {@code gan} option does for it, or null where it has none
 * @param usedBy      the job kinds that take its trained models ({@code convert} for a model that redraws faces,
 *                    {@code reenact} for one that draws a face from landmarks), so the API refuses the others
 * @param options     its own options, set in a train job's {@code options} object; none for most
 * @param fineTuning  whether its models can start from another's weights ({@code baseModel}) and pretrain on many
 *                    people's faces ({@code pretrain}), or null where they cannot
 * @param drawsMasks  whether its models also draw the mask of the face they draw, which conversion may blend with
 */
public record ModelArchitecture(String name, String family, String description, List<String> inputs, List<String> losses,
        List<String> engines, List<Integer> resolutions, double defaultLearningRate, GanRefinement ganRefinement,
        List<String> usedBy, List<ArchitectureOption> options, FineTuning fineTuning, boolean drawsMasks) {

    /** What a model that redraws faces is for. */
    public static final List<String> CONVERTS = List.of("convert");

    /**
     * Adversarial refinement of an architecture that trains without one (DeepFaceLab's gan_power).
     *
     * @param engines the engines whose implementation can refine, the default first
     * @param losses  the named losses it adds to each step's, in the order they are shown
     */
    public record GanRefinement(List<String> engines, List<String> losses) {

        public GanRefinement {
            if (engines.isEmpty() || losses.isEmpty()) {
                throw new IllegalArgumentException("GAN refinement needs an engine and its losses");
            }
            engines = List.copyOf(engines);
            losses = List.copyOf(losses);
        }
    }

    /**
     * Starting a model from another's weights, DeepFaceLab's "pretrain, then train the pair": a
     * pretrain job learns many people's faces (every face set given, in every role), and a job that
     * names it as {@code baseModel} copies its weights and trains on.
     *
     * @param engines the engines whose implementation can start from a base, the default first
     */
    public record FineTuning(List<String> engines) {

        public FineTuning {
            if (engines.isEmpty()) {
                throw new IllegalArgumentException("fine-tuning needs an engine");
            }
            engines = List.copyOf(engines);
        }
    }

    /** An architecture without options of its own or fine-tuning. */
    public ModelArchitecture(String name, String family, String description, List<String> inputs, List<String> losses,
            List<String> engines, List<Integer> resolutions, double defaultLearningRate, GanRefinement ganRefinement,
            List<String> usedBy) {
        this(name, family, description, inputs, losses, engines, resolutions, defaultLearningRate, ganRefinement, usedBy, List.of(), null,
                false);
    }

    /** An architecture whose models convert, without GAN refinement. */
    public ModelArchitecture(String name, String family, String description, List<String> inputs, List<String> losses,
            List<String> engines, List<Integer> resolutions, double defaultLearningRate) {
        this(name, family, description, inputs, losses, engines, resolutions, defaultLearningRate, null, CONVERTS);
    }

    /** An architecture whose models convert. */
    public ModelArchitecture(String name, String family, String description, List<String> inputs, List<String> losses,
            List<String> engines, List<Integer> resolutions, double defaultLearningRate, GanRefinement ganRefinement) {
        this(name, family, description, inputs, losses, engines, resolutions, defaultLearningRate, ganRefinement, CONVERTS);
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    public ModelArchitecture {
        if (!NAME.matcher(name).matches() || !NAME.matcher(family).matches()) {
            throw new IllegalArgumentException("architecture and family names are 1 to 40 of a-z, 0-9 and '-'");
        }
        if (inputs.isEmpty() || losses.isEmpty() || engines.isEmpty() || resolutions.isEmpty() || !(defaultLearningRate > 0)
                || usedBy.isEmpty()) {
            throw new IllegalArgumentException("architecture " + name
                    + " needs inputs, losses, engines, resolutions, a learning rate and the job kinds that use its models");
        }
        inputs = List.copyOf(inputs);
        losses = List.copyOf(losses);
        engines = List.copyOf(engines);
        resolutions = List.copyOf(resolutions);
        usedBy = List.copyOf(usedBy);
        options = List.copyOf(options);
        if (ganRefinement != null && !engines.containsAll(ganRefinement.engines())) {
            throw new IllegalArgumentException("architecture " + name + " refines on engines it does not run on");
        }
        if (fineTuning != null && !engines.containsAll(fineTuning.engines())) {
            throw new IllegalArgumentException("architecture " + name + " fine-tunes on engines it does not run on");
        }
    }

    /** Every loss a step may report: its own, then refinement's. */
    public List<String> allLosses() {
        if (ganRefinement == null) {
            return losses;
        }
        return java.util.stream.Stream.concat(losses.stream(), ganRefinement.losses().stream()).toList();
    }

    public Optional<ArchitectureOption> option(String optionName) {
        return options.stream().filter(option -> option.name().equals(optionName)).findFirst();
    }

    public String defaultEngine() {
        return engines.get(0);
    }

    public int defaultResolution() {
        return resolutions.get(0);
    }

    /** The train parameter naming the face set of {@code role}: {@code faceSetA} for role A. */
    public static String faceSetParameter(String role) {
        return "faceSet" + role;
    }
}
