package dev.doppel.api.extract;

import dev.doppel.api.facesets.FaceSet;
import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.jobs.JobType;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.extract.ExtractParameters;
import dev.doppel.model.jobs.JobKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component
class ExtractJobType implements JobType<ExtractParameters> {

    private final FaceSets faceSets;

    ExtractJobType(FaceSets faceSets) {
        this.faceSets = faceSets;
    }

    @Override
    public JobKind kind() {
        return ExtractParameters.KIND;
    }

    @Override
    public String description() {
        return "Find, align and score every face in a face set's photos and videos.";
    }

    @Override
    public ExtractParameters parse(JsonNode parameters) {
        return ExtractParameters.parse(parameters);
    }

    @Override
    public void check(Caller caller, ExtractParameters parameters) {
        FaceSet faceSet;
        try {
            faceSet = faceSets.get(caller, parameters.faceSetId());
        } catch (ApiProblem notFound) {
            throw JobType.invalid("Face set " + parameters.faceSetId() + " does not exist.");
        }
        if (faceSets.mediaCount(caller, parameters.faceSetId()) == 0) {
            throw JobType.invalid("Face set " + parameters.faceSetId() + " has no uploads yet; upload photos or videos before extracting.");
        }
        if (parameters.maxIdentityDistance() != null && faceSet.referenceFaceId() == null) {
            throw JobType.invalid("maxIdentityDistance keeps the faces nearest the face set's reference face; pick one first "
                    + "(PUT /api/v1/face-sets/" + parameters.faceSetId() + "/reference).");
        }
    }
}
