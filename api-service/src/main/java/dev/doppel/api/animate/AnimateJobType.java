package dev.doppel.api.animate;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.facesets.Media;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.models.Models;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.animate.AnimateParameters;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The warp needs no network engine, so it waits on the kind's own queue; a learned animation runs
 * on the engine its model was trained on, as a conversion does.
 */
@Component
class AnimateJobType implements JobType<AnimateParameters> {

    private final FaceSets faceSets;
    private final Models models;
    private final ModelArchitectures architectures;

    AnimateJobType(FaceSets faceSets, Models models, ModelArchitectures architectures) {
        this.faceSets = faceSets;
        this.models = models;
        this.architectures = architectures;
    }

    @Override
    public JobKind kind() {
        return AnimateParameters.KIND;
    }

    @Override
    public String description() {
        return "Make the person in a photo move and speak as a driving video's does, by warping the photo over its landmarks (method warp)"
                + " or with a trained motion model: a video at the driver's pace in the photo's framing, labelled as AI-generated.";
    }

    @Override
    public AnimateParameters parse(JsonNode parameters) {
        return AnimateParameters.parse(parameters);
    }

    @Override
    public void check(Caller caller, AnimateParameters parameters) {
        if (parameters.learned()) {
            models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind());
        }
        Media photo = upload(caller, parameters.photoMediaId(), "photoMediaId");
        if (!photo.kind().equals("IMAGE")) {
            throw JobType.invalid("Upload " + photo.id() + " in 'photoMediaId' is a video; the face that moves comes from a photo.");
        }
        Media driving = upload(caller, parameters.drivingMediaId(), "drivingMediaId");
        if (!driving.kind().equals("VIDEO")) {
            throw JobType.invalid("Upload " + driving.id() + " in 'drivingMediaId' is a photo; the driver must be a video, whose frames"
                    + " and sound the output takes.");
        }
    }

    @Override
    public JobRoute route(Caller caller, AnimateParameters parameters) {
        if (!parameters.learned()) {
            return JobRoute.of(kind());
        }
        return JobRoute.of(kind(), models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind()).engine());
    }

    @Override
    public Set<JobRoute> routes() {
        return Stream.concat(Stream.of(JobRoute.of(kind())),
                architectures.enginesUsedBy(kind().name()).stream().map(engine -> JobRoute.of(kind(), engine))).collect(Collectors.toSet());
    }

    private Media upload(Caller caller, UUID id, String parameter) {
        return faceSets.findUpload(caller, id).orElseThrow(() -> JobType.invalid("Upload " + id + " in '" + parameter
                + "' does not exist; upload the photo or video to a face set first."));
    }
}
