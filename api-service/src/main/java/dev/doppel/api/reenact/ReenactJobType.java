package dev.doppel.api.reenact;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.facesets.Media;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.models.Models;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.families.ModelArchitectures;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.reenact.ReenactParameters;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A reenactment runs on the engine its model was trained on, as a conversion does. */
@Component
class ReenactJobType implements JobType<ReenactParameters> {

    private final FaceSets faceSets;
    private final Models models;
    private final ModelArchitectures architectures;

    ReenactJobType(FaceSets faceSets, Models models, ModelArchitectures architectures) {
        this.faceSets = faceSets;
        this.models = models;
        this.architectures = architectures;
    }

    @Override
    public JobKind kind() {
        return ReenactParameters.KIND;
    }

    @Override
    public String description() {
        return "Drive a trained reenactment model's person with the expressions of a video of anyone: a video at the driver's pace,"
                + " drawn into the target's photo or video, labelled as AI-generated.";
    }

    @Override
    public ReenactParameters parse(JsonNode parameters) {
        return ReenactParameters.parse(parameters);
    }

    @Override
    public void check(Caller caller, ReenactParameters parameters) {
        models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind());
        Media driving = upload(caller, parameters.drivingMediaId(), "drivingMediaId");
        if (!driving.kind().equals("VIDEO")) {
            throw JobType.invalid("Upload " + driving.id() + " in 'drivingMediaId' is a photo; the driver must be a video, whose frames"
                    + " and sound the output takes.");
        }
        upload(caller, parameters.targetMediaId(), "targetMediaId");
    }

    @Override
    public JobRoute route(Caller caller, ReenactParameters parameters) {
        return JobRoute.of(kind(), models.usableBy(caller, parameters.modelId(), parameters.checkpoint(), kind()).engine());
    }

    @Override
    public Set<JobRoute> routes() {
        return architectures.enginesUsedBy(kind().name()).stream().map(engine -> JobRoute.of(kind(), engine)).collect(Collectors.toSet());
    }

    private Media upload(Caller caller, UUID id, String parameter) {
        return faceSets.findUpload(caller, id).orElseThrow(() -> JobType.invalid("Upload " + id + " in '" + parameter
                + "' does not exist; upload the video or photo to a face set first."));
    }
}
