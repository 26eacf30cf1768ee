package dev.doppel.api.jobs;

import java.util.UUID;

import dev.doppel.api.facesets.FaceSet;
import dev.doppel.api.facesets.FaceSets;
import dev.doppel.api.facesets.Media;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.api.models.Models;
import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.extract.ExtractParameters;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.train.TrainParameters;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Checks a job's parameters before it is queued, so a worker never starts on a job that cannot run. */
@Component
class JobParameters {

    private final FaceSets faceSets;
    private final Models models;

    JobParameters(FaceSets faceSets, Models models) {
        this.faceSets = faceSets;
        this.models = models;
    }

    void validate(Caller caller, JobKind kind, JsonNode parameters) {
        switch (kind) {
            case EXTRACT -> validateExtract(caller, parameters);
            case TRAIN -> validateTrain(caller, parameters);
            case CONVERT -> validateConvert(caller, parameters);
        }
    }

    private void validateExtract(Caller caller, JsonNode json) {
        ExtractParameters parameters;
        try {
            parameters = ExtractParameters.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        UUID faceSetId = parameters.faceSetId();
        FaceSet faceSet;
        try {
            faceSet = faceSets.get(caller, faceSetId);
        } catch (ApiProblem notFound) {
            throw invalid("Face set " + faceSetId + " does not exist.");
        }
        if (faceSets.mediaCount(caller, faceSetId) == 0) {
            throw invalid("Face set " + faceSetId + " has no uploads yet; upload photos or videos before extracting.");
        }
        if (parameters.maxIdentityDistance() != null && faceSet.referenceFaceId() == null) {
            throw invalid("maxIdentityDistance keeps the faces nearest the face set's reference face; pick one first "
                    + "(PUT /api/v1/face-sets/" + faceSetId + "/reference).");
        }
    }

    private void validateTrain(Caller caller, JsonNode json) {
        TrainParameters parameters;
        try {
            parameters = TrainParameters.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        for (UUID faceSetId : new UUID[] {parameters.faceSetA(), parameters.faceSetB()}) {
            try {
                faceSets.get(caller, faceSetId);
            } catch (ApiProblem notFound) {
                throw invalid("Face set " + faceSetId + " does not exist.");
            }
            if (faceSets.faceCount(caller, faceSetId) == 0) {
                throw invalid("Face set " + faceSetId + " has no extracted faces; run an extract job on it first.");
            }
        }
    }

    private void validateConvert(Caller caller, JsonNode json) {
        ConvertParameters parameters;
        try {
            parameters = ConvertParameters.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        boolean ready;
        try {
            ready = models.hasCheckpoint(caller, parameters.modelId(), parameters.checkpoint());
        } catch (ApiProblem notFound) {
            throw invalid("Model " + parameters.modelId() + " does not exist.");
        }
        if (!ready) {
            throw invalid("Model " + parameters.modelId() + " has no " + parameters.checkpoint()
                    + " checkpoint yet; its train job writes one every checkpointEvery iterations.");
        }
        Media upload = faceSets.findUpload(caller, parameters.mediaId()).orElseThrow(() -> invalid("Upload " + parameters.mediaId()
                + " does not exist; upload the photo or video to a face set first."));
        // H.264 in 4:2:0 needs even sides, and the output keeps the input's size.
        if (upload.kind().equals("VIDEO") && (upload.width() % 2 != 0 || upload.height() % 2 != 0)) {
            throw invalid("Video " + parameters.mediaId() + " is " + upload.width() + "x" + upload.height()
                    + "; H.264 output needs an even width and height, so it cannot be converted at its own size.");
        }
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-job-parameters", "Invalid job parameters", detail);
    }
}
