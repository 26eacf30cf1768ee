package dev.doppel.model.reenact;

import static dev.doppel.model.jobs.Parameters.fraction;
import static dev.doppel.model.jobs.Parameters.integer;
import static dev.doppel.model.jobs.Parameters.oneOf;
import static dev.doppel.model.jobs.Parameters.uuid;

import java.util.List;
import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobKind;
import tools.jackson.databind.JsonNode;

/**
 * What a reenact job may be asked, parsed the same way by the API and the worker: a reenactment
 * model (trained on the target person), the driving video whose expressions it copies, and the
 * target's photo or video it draws them into. Defaults as conversion's: the model's latest
 * checkpoint, Reinhard colour transfer, a feathered mask, H.264 at CRF 23; the driver's first
 * frame as the neutral face and the driver's sound.
 *
 * @param modelId        the train job of a reenactment model ({@code pix2pix} or {@code pix2pixhd})
 * @param drivingMediaId a video upload: anyone's face, whose expressions drive the target
 * @param targetMediaId  a photo or video upload of the target person: the picture the output is drawn into
 * @param neutralFrame   the driver's frame whose expression counts as no change (its first face at or after it)
 * @param sound          {@code driver} (its sound, untouched) or {@code none}
 */
public record ReenactParameters(
        UUID modelId,
        UUID drivingMediaId,
        UUID targetMediaId,
        String checkpoint,
        int neutralFrame,
        String sound,
        String colourMatch,
        String blend,
        double erosion,
        double feather,
        int crf,
        boolean watermark) {

    public static final JobKind KIND = JobKind.of("reenact");

    public static final List<String> SOUNDS = List.of("driver", "none");

    public static ReenactParameters parse(JsonNode parameters) {
        UUID modelId = uuid(parameters, "modelId", "a reenactment model id (the id of its train job)");
        UUID driving = uuid(parameters, "drivingMediaId", "an uploaded video id: the face whose expressions drive the target");
        UUID target = uuid(parameters, "targetMediaId", "an uploaded photo or video id of the target person");
        if (driving.equals(target)) {
            throw new IllegalArgumentException("Parameters 'drivingMediaId' and 'targetMediaId' must be two different uploads.");
        }
        return new ReenactParameters(modelId, driving, target,
                oneOf(parameters, "checkpoint", "latest", ConvertParameters.CHECKPOINTS, true),
                integer(parameters, "neutralFrame", 0, 0, 1_000_000, "the driver's frame whose expression counts as no change"),
                oneOf(parameters, "sound", "driver", SOUNDS, true),
                oneOf(parameters, "colourMatch", "reinhard", ConvertParameters.COLOUR_MATCHES, true),
                oneOf(parameters, "blend", "feather", ConvertParameters.BLENDS, true),
                fraction(parameters, "erosion", 0.0),
                fraction(parameters, "feather", 0.025),
                integer(parameters, "crf", 23, 0, 51, "lower is better quality"),
                parameters.path("watermark").asBoolean(false));
    }

    public boolean keepSound() {
        return sound.equals("driver");
    }
}
