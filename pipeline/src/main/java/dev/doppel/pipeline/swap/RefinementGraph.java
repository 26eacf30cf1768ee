package dev.doppel.pipeline.swap;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.shape.Concat;

import dev.doppel.pipeline.family.GanRefinement;

/**
 * GAN refinement grafted onto a swap model's training graph, DeepFaceLab SAEHD's recipe
 * (models/Model_SAEHD/Model.py): per identity, a {@link UNetPatchDiscriminator} sees the masked
 * target as real and the masked reconstruction as fake (never a swap). Its loss is sigmoid
 * cross-entropy on both heads, half real and half fake each; the generator's adds {@code power} x
 * the cross-entropy of its fakes as real, 0.02 x the squared error outside the mask and 1e-6 x the
 * total variation of the reconstruction, which keep the GAN from scattering bright dots.
 *
 * <p>Everything is one loss that SameDiff's fit minimises in one step: the discriminator's fakes
 * pass through a stop-gradient, so its loss moves none of the autoencoder, and the generator's
 * term runs through a copy whose weights are stopped, so it moves none of the discriminator. Each
 * variable keeps its own Adam moments, and the discriminators' start at zero when refinement does.
 */
final class RefinementGraph {

    static final String LOSS = "refinedLoss";
    static final double BACKGROUND_WEIGHT = 0.02;
    static final double TOTAL_VARIATION_WEIGHT = 1e-6;

    static String generatorLoss(Identity side) {
        return "generator" + side;
    }

    static String discriminatorLoss(Identity side) {
        return "discriminator" + side;
    }

    private RefinementGraph() {
    }

    /** Adds both discriminators and their losses, and makes the refined total the one fit minimises. */
    static void add(SameDiff sd, int resolution, GanRefinement refinement, long seed) {
        SDVariable total = sd.getVariable("loss");
        List<SDVariable> weights = new ArrayList<>();
        for (Identity side : Identity.values()) {
            SDVariable predicted = reconstruction(sd, side);
            SDVariable target = sd.getVariable("target" + side);
            SDVariable mask = sd.math().clipByValue(sd.getVariable("weights" + side), 0, 1);
            SDVariable fake = predicted.mul(mask);
            SDVariable real = target.mul(mask);
            UNetPatchDiscriminator discriminator = new UNetPatchDiscriminator(sd, "discriminator" + side, refinement.patchSize(),
                    refinement.baseChannels(), seed * 31 + side.ordinal());

            UNetPatchDiscriminator.Logits judged = discriminator.apply(sd.concat(0, real, new StopGradient(sd, fake).outputVariable()), false);
            SDVariable[] center = sd.split(judged.center(), 2, 0);
            SDVariable[] map = sd.split(judged.map(), 2, 0);
            SDVariable discriminatorLoss = crossEntropy(sd, center[0], true).add(crossEntropy(sd, center[1], false)).mul(0.5)
                    .add(crossEntropy(sd, map[0], true).add(crossEntropy(sd, map[1], false)).mul(0.5))
                    .rename(discriminatorLoss(side));

            UNetPatchDiscriminator.Logits fooled = discriminator.apply(fake, true);
            SDVariable generatorLoss = crossEntropy(sd, fooled.center(), true).add(crossEntropy(sd, fooled.map(), true))
                    .mul(refinement.power()).rename(generatorLoss(side));

            SDVariable outside = mask.rsub(1);
            SDVariable background = sd.mean(sd.math().square(predicted.sub(target).mul(outside))).mul(BACKGROUND_WEIGHT);
            SDVariable penalties = background.add(totalVariation(sd, predicted, resolution).mul(TOTAL_VARIATION_WEIGHT));

            total = total.add(generatorLoss).add(discriminatorLoss).add(penalties);
            weights.addAll(discriminator.weights());
        }
        total.rename(LOSS);
        sd.convertToVariables(weights);
        sd.setLossVariables(LOSS);
        sd.getTrainingConfig().setLossVariables(List.of(LOSS));
    }

    /** Mean sigmoid cross-entropy of logits against all-real (1) or all-fake (0) labels, in the stable form. */
    static SDVariable crossEntropy(SameDiff sd, SDVariable logits, boolean real) {
        SDVariable signed = real ? logits.neg() : logits;
        // softplus(s) = max(s, 0) + log(1 + e^-|s|), finite for any logit.
        SDVariable softplus = sd.nn().relu(signed, 0).add(sd.math().log1p(sd.math().exp(sd.math().abs(signed).neg())));
        return sd.mean(softplus);
    }

    /** DFL's total_variation_mse: squared differences of neighbouring pixels, summed per image, averaged over the batch. */
    private static SDVariable totalVariation(SameDiff sd, SDVariable x, int resolution) {
        SDVariable down = x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(1, resolution), SDIndex.all())
                .sub(x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, resolution - 1), SDIndex.all()));
        SDVariable across = x.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(1, resolution))
                .sub(x.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(0, resolution - 1)));
        return sd.mean(sd.sum(sd.math().square(down), 1, 2, 3).add(sd.sum(sd.math().square(across), 1, 2, 3)));
    }

    /**
     * The decoder's training output for {@code side}: named in graphs built since refinement exists,
     * and otherwise found as the first input of the SSIM moments' concat that pairs it with its target.
     */
    private static SDVariable reconstruction(SameDiff sd, Identity side) {
        String name = SameDiffSwapModel.reconstructionName(side);
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        for (SameDiffOp op : sd.getOps().values()) {
            List<String> inputs = op.getInputsToOp();
            if (op.getOp() instanceof Concat && inputs != null && inputs.size() == 5 && inputs.get(1).equals("target" + side)) {
                return sd.getVariable(inputs.get(0));
            }
        }
        throw new IllegalStateException("no reconstruction of " + side + " in this graph to refine");
    }
}
