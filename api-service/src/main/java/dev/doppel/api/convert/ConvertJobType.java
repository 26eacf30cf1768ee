package dev.doppel.api.convert;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.facesets.Media;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.models.Models;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A conversion runs on the engine its model was trained on, so it waits in that engine's queue. */
@Component
class ConvertJobType implements JobType<ConvertParameters> {

    private final FaceSets faceSets;
    private final Models models;
    private final ModelArchitectures architectures;

    ConvertJobType(FaceSets faceSets, Models models, ModelArchitectures architectures) {
        this.faceSets = faceSets;
        this.models = models;
        this.architectures = architectures;
    }

    @Override
    public JobKind kind() {
        return ConvertParameters.KIND;
    }

    @Override
    public String description() {
        return "Swap the faces of a photo or video with a trained model; the result is labelled as AI-generated.";
    }

    @Override
    public ConvertParameters parse(JsonNode parameters) {
        return ConvertParameters.parse(parameters);
    }

    @Override
    public void check(Caller caller, ConvertParameters parameters) {
        Models.Convertible model = models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind());
        if (parameters.usesPredictedMask() && !architectures.find(model.architecture()).map(ModelArchitecture::drawsMasks).orElse(false)) {
            List<String> drawing = architectures.usedBy(kind().name()).stream().filter(ModelArchitecture::drawsMasks)
                    .map(ModelArchitecture::name).toList();
            throw JobType.invalid("Parameter 'mask' is '" + parameters.mask() + "', but a model of architecture '" + model.architecture()
                    + "' draws no mask; use 'landmarks', or a model of architecture " + String.join(" or ", drawing) + ".");
        }
        Media upload = faceSets.findUpload(caller, parameters.mediaId()).orElseThrow(() -> JobType.invalid("Upload "
                + parameters.mediaId() + " does not exist; upload the photo or video to a face set first."));
        // H.264 in 4:2:0 needs even sides, and the output keeps the input's size.
        if (upload.kind().equals("VIDEO") && (upload.width() % 2 != 0 || upload.height() % 2 != 0)) {
            throw JobType.invalid("Video " + parameters.mediaId() + " is " + upload.width() + "x" + upload.height()
                    + "; H.264 output needs an even width and height, so it cannot be converted at its own size.");
        }
    }

    @Override
    public JobRoute route(Caller caller, ConvertParameters parameters) {
        return JobRoute.of(kind(), models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind()).engine());
    }

    @Override
    public Set<JobRoute> routes() {
        return architectures.engines().stream().map(engine -> JobRoute.of(kind(), engine)).collect(Collectors.toSet());
    }
}
