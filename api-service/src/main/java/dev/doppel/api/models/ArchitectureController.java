package dev.doppel.api.models;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import dev.doppel.model.families.ArchitectureOption;
import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The architectures a train job may name, each with the engines that run it and the face sets it takes. */
@Tag(name = "Models", description = "Architectures, trained models, their losses, previews and checkpoints.")
@RestController
@RequestMapping("/api/v1/architectures")
class ArchitectureController {

    /**
     * {@code faceSetParameters}: the train parameters naming its face sets, one per role;
     * {@code ganRefinement}: the engines that can refine it with a train job's {@code gan} option and the losses that adds, or null;
     * {@code usedBy}: the job kinds that take its trained models ({@code convert}, {@code reenact}, {@code animate});
     * {@code options}: what a train job's {@code options} object may set (words from {@code choices}, or a whole number
     * from {@code min} to {@code max}), with defaults; {@code fineTuning}: the engines on which its models can pretrain
     * ({@code pretrain}) and start from a base model ({@code baseModel}), or null; {@code drawsMasks}: its models draw the
     * face's mask too, so a convert job may paste under it ({@code mask}).
     */
    record ArchitectureView(String name, String family, String description, List<String> faceSetParameters, List<String> losses,
            List<String> engines, String defaultEngine, List<Integer> resolutions, double defaultLearningRate,
            ModelArchitecture.GanRefinement ganRefinement, List<String> usedBy, List<ArchitectureOption> options,
            ModelArchitecture.FineTuning fineTuning, boolean drawsMasks) {

        static ArchitectureView of(ModelArchitecture architecture, ModelArchitectures catalog) {
            return new ArchitectureView(architecture.name(), architecture.family(), architecture.description(),
                    architecture.inputs().stream().map(ModelArchitecture::faceSetParameter).toList(), architecture.losses(),
                    architecture.engines(), catalog.defaultEngine(architecture), architecture.resolutions(), architecture.defaultLearningRate(),
                    architecture.ganRefinement(), architecture.usedBy(), architecture.options(), architecture.fineTuning(),
                    architecture.drawsMasks());
        }
    }

    private final ModelArchitectures architectures;

    ArchitectureController(ModelArchitectures architectures) {
        this.architectures = architectures;
    }

    @Operation(operationId = "listArchitectures", summary = "List the architectures a train job may name", description = "What a train job may name: each architecture's family, face set parameters, named losses, engines, resolutions, GAN refinement, options of its own, fine-tuning and whether it draws masks.")
    @GetMapping
    List<ArchitectureView> list() {
        return architectures.all().stream().map(architecture -> ArchitectureView.of(architecture, architectures)).toList();
    }
}
