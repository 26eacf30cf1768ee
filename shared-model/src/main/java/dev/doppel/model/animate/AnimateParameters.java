package dev.doppel.model.animate;

import static dev.doppel.model.jobs.Parameters.integer;
import static dev.doppel.model.jobs.Parameters.oneOf;
import static dev.doppel.model.jobs.Parameters.uuid;

import java.util.List;
import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import tools.jackson.databind.JsonNode;

/**
 * What an animate job may be asked, parsed the same way by the API and the worker: a photo, a
 * driving video whose motion it takes, and how: {@code warp} (no training: the photo warped over
 * its landmarks) or {@code model} (a trained motion model, {@code modelId}). Defaults: warp when no
 * model is named, the model's latest checkpoint, the photo's largest face, the driver's first frame
 * as the neutral face, the driver's sound, H.264 at CRF 23.
 *
 * @param photoMediaId   a photo upload: the face that moves
 * @param drivingMediaId a video upload: anyone's face, whose motion the photo takes
 * @param modelId        the train job of a motion model, with method {@code model}; null with {@code warp}
 * @param faceIndex      which of the photo's faces moves, from 0 at the left; null for the largest
 * @param neutralFrame   the driver's frame whose expression counts as no change (its first face at or after it)
 * @param sound          {@code driver} (its sound, untouched) or {@code none}
 */
public record AnimateParameters(
        UUID photoMediaId,
        UUID drivingMediaId,
        String method,
        UUID modelId,
        String checkpoint,
        Integer faceIndex,
        int neutralFrame,
        String sound,
        int crf,
        boolean watermark) {

    public static final JobKind KIND = JobKind.of("animate");

    public static final String WARP = "warp";
    public static final String MODEL = "model";
    public static final List<String> METHODS = List.of(WARP, MODEL);
    public static final List<String> SOUNDS = List.of("driver", "none");

    public static AnimateParameters parse(JsonNode parameters) {
        UUID photo = uuid(parameters, "photoMediaId", "an uploaded photo id: the face that moves");
        UUID driving = uuid(parameters, "drivingMediaId", "an uploaded video id: the face whose motion the photo takes");
        if (photo.equals(driving)) {
            throw new IllegalArgumentException("Parameters 'photoMediaId' and 'drivingMediaId' must be two different uploads.");
        }
        boolean named = parameters.hasNonNull("modelId");
        String method = oneOf(parameters, "method", named ? MODEL : WARP, METHODS, true);
        if (method.equals(MODEL) && !named) {
            throw new IllegalArgumentException("Parameter 'modelId' is required with method 'model': the id of a motion model's train job.");
        }
        if (method.equals(WARP) && (named || parameters.has("checkpoint"))) {
            throw new IllegalArgumentException("Method 'warp' needs no model; leave out 'modelId' and 'checkpoint', or ask for method 'model'.");
        }
        UUID modelId = named ? uuid(parameters, "modelId", "a motion model id (the id of its train job)") : null;
        Integer faceIndex = parameters.hasNonNull("faceIndex")
                ? integer(parameters, "faceIndex", 0, 0, 99, "which of the photo's faces moves, from 0 at the left")
                : null;
        return new AnimateParameters(photo, driving, method, modelId,
                oneOf(parameters, "checkpoint", "latest", ConvertParameters.CHECKPOINTS, true),
                faceIndex,
                integer(parameters, "neutralFrame", 0, 0, 1_000_000, "the driver's frame whose expression counts as no change"),
                oneOf(parameters, "sound", "driver", SOUNDS, true),
                integer(parameters, "crf", 23, 0, 51, "lower is better quality"),
                parameters.path("watermark").asBoolean(false));
    }

    public boolean learned() {
        return method.equals(MODEL);
    }

    public boolean keepSound() {
        return sound.equals("driver");
    }
}
