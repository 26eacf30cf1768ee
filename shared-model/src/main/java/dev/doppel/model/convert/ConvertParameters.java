package dev.doppel.model.convert;

import static dev.doppel.model.jobs.Parameters.fraction;
import static dev.doppel.model.jobs.Parameters.oneOf;
import static dev.doppel.model.jobs.Parameters.uuid;

import java.util.List;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import tools.jackson.databind.JsonNode;

/**
 * What a convert job may be asked, parsed the same way by the API (to refuse bad jobs before they
 * queue) and the worker. Defaults are the field's: the model's latest checkpoint, A to B, Reinhard
 * colour transfer (DeepFaceLab's "rct"), a feathered mask, every face in the picture, H.264 at
 * CRF 23 (FFmpeg's own default), stills in the input's format.
 *
 * @param modelId             the train job whose model swaps
 * @param mediaId             the photo or video to convert: any upload of the caller's face sets
 * @param direction           {@code AtoB} (A's faces become B) or {@code BtoA}
 * @param checkpoint          {@code latest} or {@code best} (the lowest-loss backup)
 * @param colourMatch         {@code none}, {@code average}, {@code reinhard} or {@code histogram}
 * @param blend               {@code feather} or {@code seamless} (Poisson)
 * @param erosion             shrink the face mask by this fraction of the face before feathering (0..0.2)
 * @param feather             blur the mask edge by this fraction of the face (0..0.2)
 * @param mask                where the new face goes: {@code landmarks} (the hull of the old face's landmarks),
 *                            {@code predicted} (the mask the model drew with the new face) or {@code product} (both);
 *                            null for the model's own best: {@code product} where it draws masks, else {@code landmarks}
 * @param faces               {@code all}, {@code largest}, or {@code reference}: those near the source person
 * @param maxIdentityDistance with faces=reference: the embedding distance that still counts as the source person
 * @param format              stills: {@code png} or {@code jpeg}; null keeps the input's
 * @param quality             JPEG quality 1..100
 * @param crf                 H.264 constant rate factor 0..51 (lower is better and bigger)
 * @param detectEvery         videos: run the face detector on every n-th frame (1..{@value #MAX_DETECT_EVERY}), faces
 *                            followed by their landmarks in between; 1 detects on every frame
 * @param watermark           stamp a visible "AI-generated" mark as well as the metadata label
 */
public record ConvertParameters(
        UUID modelId,
        UUID mediaId,
        String direction,
        String checkpoint,
        String colourMatch,
        String blend,
        double erosion,
        double feather,
        String mask,
        String faces,
        double maxIdentityDistance,
        String format,
        int quality,
        int crf,
        int detectEvery,
        boolean watermark) {

    public static final JobKind KIND = JobKind.of("convert");

    public static final List<String> DIRECTIONS = List.of("AtoB", "BtoA");
    public static final List<String> CHECKPOINTS = List.of("latest", "best");
    public static final List<String> COLOUR_MATCHES = List.of("none", "average", "reinhard", "histogram");
    public static final List<String> BLENDS = List.of("feather", "seamless");
    public static final List<String> MASKS = List.of("landmarks", "predicted", "product");
    public static final List<String> FACE_SELECTIONS = List.of("all", "largest", "reference");
    public static final List<String> FORMATS = List.of("png", "jpeg");
    /** A second at 25 fps: a face entering the shot waits at most this many frames for the detector. */
    public static final int MAX_DETECT_EVERY = 25;

    public static ConvertParameters parse(JsonNode parameters) {
        UUID modelId = uuid(parameters, "modelId", "a model id (the id of its train job)");
        UUID mediaId = uuid(parameters, "mediaId", "an uploaded photo or video id");
        String direction = oneOf(parameters, "direction", "AtoB", DIRECTIONS, false);
        String checkpoint = oneOf(parameters, "checkpoint", "latest", CHECKPOINTS, true);
        String colourMatch = oneOf(parameters, "colourMatch", "reinhard", COLOUR_MATCHES, true);
        String blend = oneOf(parameters, "blend", "feather", BLENDS, true);
        double erosion = fraction(parameters, "erosion", 0.0);
        double feather = fraction(parameters, "feather", 0.025);
        String mask = oneOf(parameters, "mask", null, MASKS, true);
        String faces = oneOf(parameters, "faces", "all", FACE_SELECTIONS, true);
        double maxIdentityDistance = parameters.path("maxIdentityDistance").asDouble(0.6);
        if (!(maxIdentityDistance > 0 && maxIdentityDistance <= 2)) {
            throw new IllegalArgumentException("Parameter 'maxIdentityDistance' must be above 0 and at most 2 (about 0.6 separates people).");
        }
        String format = parameters.has("format") ? oneOf(parameters, "format", null, FORMATS, true) : null;
        int quality = parameters.path("quality").asInt(92);
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("Parameter 'quality' must be between 1 and 100.");
        }
        int crf = parameters.path("crf").asInt(23);
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("Parameter 'crf' must be between 0 and 51 (lower is better quality).");
        }
        int detectEvery = parameters.path("detectEvery").asInt(5);
        if (detectEvery < 1 || detectEvery > MAX_DETECT_EVERY) {
            throw new IllegalArgumentException("Parameter 'detectEvery' must be between 1 (detect faces on every frame) and "
                    + MAX_DETECT_EVERY + " (every " + MAX_DETECT_EVERY + "th frame).");
        }
        boolean watermark = parameters.path("watermark").asBoolean(false);
        return new ConvertParameters(modelId, mediaId, direction, checkpoint, colourMatch, blend, erosion, feather, mask, faces,
                maxIdentityDistance, format, quality, crf, detectEvery, watermark);
    }

    /** Whether the job needs a model that draws masks. */
    public boolean usesPredictedMask() {
        return mask != null && !mask.equals("landmarks");
    }

    /** Whose faces the model writes: B for AtoB. */
    public boolean towardsB() {
        return direction.equals("AtoB");
    }
}
