package dev.doppel.pipeline.reenact;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.doppel.pipeline.gan.Layers;
import dev.doppel.pipeline.gan.PatchDiscriminator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The generator, its discriminators and every loss as one SameDiff graph. Sketches and faces enter
 * in [0, 1] and are mapped to the reference's [-1, 1]; the drawn face maps back to [0, 1].
 *
 * <p>Each discriminator judges a (sketch, face) pair, six channels, so it learns whether the face
 * fits its sketch, not only whether it looks real (the "conditional" of a conditional GAN). Scale k
 * judges both halved k times (2x2 average pooling; pix2pixHD's 3x3 pooling with a stride of 2 halves
 * the same way).
 *
 * <p>As in {@code cyclegan.CycleGanGraph}, two losses and two optimisers: the generator's loss
 * sees the discriminators through stop-gradients, and the discriminators' loss sees the generator's
 * face only as the placeholder the model feeds it back through.
 */
final class Pix2PixGraph {

    static final String SKETCHES = "sketches";
    static final String FACES = "faces";
    /** Per-pixel weights of the L1 term, N x 1 x R x R: the eyes and mouth count more ({@code train.LossWeights}). */
    static final String WEIGHTS = "weights";
    /** The generator's faces of this step, in [-1, 1], fed back to the discriminators' pass. */
    static final String MADE_FACES = "madeFaces";
    static final String MADE = "made";
    /** The drawn faces in [0, 1]. */
    static final String DRAWN = "drawn";

    static final String ADVERSARIAL = "adversarial";
    static final String FEATURE_MATCHING = "featureMatching";
    static final String PERCEPTUAL = "perceptual";
    static final String L1 = "l1";
    static final String DISCRIMINATOR = "discriminator";

    static final String GENERATOR = UNetGenerator.NAME;
    static final String DISCRIMINATORS = "D";

    /** The reference halves the discriminator's loss so it learns slower than the generator. */
    static final double DISCRIMINATOR_WEIGHT = 0.5;

    /** The graph and what it was built with. */
    record Built(SameDiff sd, List<String> generatorLosses, List<UNetGenerator.DropoutMask> dropoutMasks) {
    }

    private Pix2PixGraph() {
    }

    static Built build(Pix2PixOptions options) {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd, options.settings().seed());
        int r = options.settings().resolution();
        PatchDiscriminator discriminator = new PatchDiscriminator(layers, options.discriminatorWidth(), 6);

        SDVariable sketches = sd.placeHolder(SKETCHES, DataType.FLOAT, -1, 3, r, r).mul(2).sub(1);
        SDVariable real = sd.placeHolder(FACES, DataType.FLOAT, -1, 3, r, r).mul(2).sub(1);
        SDVariable madeFaces = sd.placeHolder(MADE_FACES, DataType.FLOAT, -1, 3, r, r);
        SDVariable weights = sd.placeHolder(WEIGHTS, DataType.FLOAT, -1, 1, r, r);
        SDVariable made;
        List<UNetGenerator.DropoutMask> dropoutMasks;
        if (options.coarseToFine()) {
            LocalEnhancer enhancer = new LocalEnhancer(layers, options);
            made = enhancer.apply(sketches, halve(sd, sketches)).rename(MADE);
            dropoutMasks = enhancer.global().dropoutMasks();
        } else {
            UNetGenerator generator = new UNetGenerator(layers, options, UNetGenerator.NAME, r);
            made = generator.apply(sketches).rename(MADE);
            dropoutMasks = generator.dropoutMasks();
        }
        made.add(1).mul(DRAWN, 0.5);

        SDVariable adversarial = null;
        SDVariable featureMatching = null;
        SDVariable discriminatorLoss = null;
        SDVariable sketchAtScale = sketches;
        SDVariable realAtScale = real;
        SDVariable madeAtScale = made;
        SDVariable fedAtScale = madeFaces;
        for (int k = 0; k < options.discriminatorScales(); k++) {
            if (k > 0) {
                sketchAtScale = halve(sd, sketchAtScale);
                realAtScale = halve(sd, realAtScale);
                madeAtScale = halve(sd, madeAtScale);
                fedAtScale = halve(sd, fedAtScale);
            }
            String name = DISCRIMINATORS + k;
            List<SDVariable> onMade = discriminator.features(name, pair(sd, sketchAtScale, madeAtScale), true);
            adversarial = sum(adversarial, gan(sd, onMade.get(onMade.size() - 1), true, options.leastSquares()));
            if (options.featureMatching()) {
                List<SDVariable> onReal = discriminator.features(name, pair(sd, sketchAtScale, realAtScale), true);
                // pix2pixHD: D_weights = 1 / num_D, feat_weights = 4 / (n_layers + 1) = 1 for n_layers 3.
                double weight = options.featureMatchingWeight() / options.discriminatorScales();
                for (int i = 0; i < PatchDiscriminator.FEATURE_LAYERS; i++) {
                    featureMatching = sum(featureMatching, sd.mean(sd.math().abs(onMade.get(i).sub(onReal.get(i)))).mul(weight));
                }
            }
            SDVariable onRealScores = discriminator.apply(name, pair(sd, sketchAtScale, realAtScale), false);
            SDVariable onFedScores = discriminator.apply(name, pair(sd, sketchAtScale, fedAtScale), false);
            discriminatorLoss = sum(discriminatorLoss, gan(sd, onRealScores, true, options.leastSquares())
                    .add(gan(sd, onFedScores, false, options.leastSquares())).mul(DISCRIMINATOR_WEIGHT));
        }
        List<String> generatorLosses = new ArrayList<>();
        SDVariable total = adversarial.rename(ADVERSARIAL);
        generatorLosses.add(ADVERSARIAL);
        if (featureMatching != null) {
            total = total.add(featureMatching.rename(FEATURE_MATCHING));
            generatorLosses.add(FEATURE_MATCHING);
        }
        if (options.perceptual()) {
            total = total.add(PerceptualLoss.of(sd, made, real, r).mul(PERCEPTUAL, options.perceptualWeight()));
            generatorLosses.add(PERCEPTUAL);
        }
        SDVariable perPixel = sd.mean(sd.math().abs(made.sub(real)), true, 1);
        total = total.add(sd.sum(perPixel.mul(weights)).div(sd.sum(weights).add(1e-6)).mul(L1, options.l1Weight()));
        generatorLosses.add(L1);
        discriminatorLoss.rename(DISCRIMINATOR);
        sd.setLossVariables(total, discriminatorLoss);
        return new Built(sd, List.copyOf(generatorLosses), dropoutMasks);
    }

    /** The trainable variables of the networks whose names start with {@code prefix}, sorted. */
    static List<String> variablesOf(SameDiff sd, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && v.name().startsWith(prefix)) {
                names.add(v.name());
            }
        }
        return List.copyOf(names);
    }

    private static SDVariable pair(SameDiff sd, SDVariable sketch, SDVariable face) {
        return sd.concat(1, sketch, face);
    }

    private static SDVariable halve(SameDiff sd, SDVariable x) {
        return sd.cnn().avgPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
    }

    /**
     * The GAN criterion against "real" ({@code target} true) or "made": least squares (mean of
     * (D - 1)^2 or D^2) or pix2pix's cross-entropy on logits (softplus(-D) or softplus(D)).
     */
    private static SDVariable gan(SameDiff sd, SDVariable scores, boolean target, boolean leastSquares) {
        if (leastSquares) {
            return sd.mean(sd.math().square(target ? scores.sub(1) : scores));
        }
        return sd.mean(sd.nn().softplus(target ? scores.neg() : scores));
    }

    private static SDVariable sum(SDVariable total, SDVariable term) {
        return total == null ? term : total.add(term);
    }
}
