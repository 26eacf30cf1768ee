package dev.doppel.model.train;

import dev.doppel.model.families.ModelArchitecture;
import tools.jackson.databind.JsonNode;

/**
 * A train job's {@code gan} option: adversarial refinement of an architecture that offers it
 * (DeepFaceLab SAEHD's gan_power, gan_patch_size, gan_dims), switched on at {@code fromIteration}.
 * Defaults are DFL's: power 0.1, patch size resolution / 8, 16 base channels; it starts at three
 * quarters of the run (DFL turns it on only once the face is learned), or at once when the job
 * continues a trained model.
 */
public record GanParameters(long fromIteration, double power, int patchSize, int baseChannels) {

    static GanParameters parse(JsonNode gan, ModelArchitecture architecture, int resolution, long iterations, boolean continuing) {
        if (!gan.isObject()) {
            throw new IllegalArgumentException("Parameter 'gan' must be an object: {\"fromIteration\", \"power\", \"patchSize\", \"baseChannels\"}, each optional.");
        }
        if (architecture.ganRefinement() == null) {
            throw new IllegalArgumentException("Architecture '" + architecture.name() + "' has no GAN refinement; drop parameter 'gan'.");
        }
        long fromIteration = gan.path("fromIteration").asLong(continuing ? 0 : iterations * 3 / 4);
        if (fromIteration < 0 || fromIteration >= iterations) {
            throw new IllegalArgumentException("Parameter 'gan.fromIteration' must be at least 0 and below 'iterations' (" + iterations + ").");
        }
        double power = gan.path("power").asDouble(0.1);
        if (!(power > 0 && power <= 5)) {
            throw new IllegalArgumentException("Parameter 'gan.power' must be above 0 and at most 5 (0.1 is the usual value).");
        }
        int patchSize = gan.path("patchSize").asInt(Math.max(3, resolution / 8));
        if (patchSize < 3 || patchSize > resolution) {
            throw new IllegalArgumentException("Parameter 'gan.patchSize' must be between 3 and the resolution (" + resolution + ").");
        }
        int baseChannels = gan.path("baseChannels").asInt(16);
        if (baseChannels < 4 || baseChannels > 512) {
            throw new IllegalArgumentException("Parameter 'gan.baseChannels' must be between 4 and 512.");
        }
        return new GanParameters(fromIteration, power, patchSize, baseChannels);
    }
}
