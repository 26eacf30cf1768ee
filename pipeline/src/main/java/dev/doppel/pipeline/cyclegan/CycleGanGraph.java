package dev.doppel.pipeline.cyclegan;

import dev.doppel.pipeline.gan.Layers;
import dev.doppel.pipeline.gan.PatchDiscriminator;
import java.util.List;
import java.util.TreeSet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Both generators, both discriminators and every loss as one SameDiff graph. G_AB draws A's faces
 * as B, G_BA the reverse; D_A judges whether a face is a real A, D_B a real B. Faces enter in
 * [0, 1] and are mapped to the reference's [-1, 1], where the tanh outputs, the losses and the
 * image pools live; the translation outputs map back to [0, 1].
 *
 * <p>Two losses, two optimisers: SameDiff differentiates the sum of its loss variables, so the
 * generators' loss must not reach the discriminators' weights (their copies in it sit behind a
 * stop-gradient) and the discriminators' loss must not reach the generators (their fakes come in
 * through the pooled-fake placeholders). Gradients for the generators' variables are then those
 * of the generator loss alone, and the discriminators' those of the discriminator loss alone.
 */
final class CycleGanGraph {

    static final String FACES_A = "facesA";
    static final String FACES_B = "facesB";
    static final String POOLED_FAKE_A = "pooledFakeA";
    static final String POOLED_FAKE_B = "pooledFakeB";

    /** G_AB(A) and G_BA(B) in [-1, 1]: what the pools take after the generator step. */
    static final String FAKE_B = "fakeB";
    static final String FAKE_A = "fakeA";
    /** Translations in [0, 1]: A's faces as B, B's faces as A. */
    static final String AS_B = "asB";
    static final String AS_A = "asA";

    static final String ADVERSARIAL_AB = "adversarialAB";
    static final String ADVERSARIAL_BA = "adversarialBA";
    static final String CYCLE_A = "cycleA";
    static final String CYCLE_B = "cycleB";
    static final String IDENTITY_A = "identityA";
    static final String IDENTITY_B = "identityB";
    static final String DISCRIMINATOR_A = "discriminatorA";
    static final String DISCRIMINATOR_B = "discriminatorB";
    static final List<String> GENERATOR_LOSSES = List.of(ADVERSARIAL_AB, ADVERSARIAL_BA, CYCLE_A, CYCLE_B, IDENTITY_A, IDENTITY_B);
    static final List<String> DISCRIMINATOR_LOSSES = List.of(DISCRIMINATOR_A, DISCRIMINATOR_B);

    static final String G_AB = "G_AB";
    static final String G_BA = "G_BA";
    static final String D_A = "D_A";
    static final String D_B = "D_B";

    /** The reference's lambda_A = lambda_B = 10 and lambda_identity = 0.5 (of lambda). */
    static final double CYCLE_WEIGHT = 10;
    static final double IDENTITY_WEIGHT = 0.5 * CYCLE_WEIGHT;
    /** The reference halves the discriminator's loss so it learns slower than the generator. */
    static final double DISCRIMINATOR_WEIGHT = 0.5;

    private CycleGanGraph() {
    }

    static SameDiff build(CycleGanOptions options) {
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd, options.settings().seed());
        ResnetGenerator generator = new ResnetGenerator(layers, options);
        PatchDiscriminator discriminator = new PatchDiscriminator(layers, options.discriminatorWidth(), 3);
        int r = options.settings().resolution();

        SDVariable realA = sd.placeHolder(FACES_A, DataType.FLOAT, -1, 3, r, r).mul(2).sub(1);
        SDVariable realB = sd.placeHolder(FACES_B, DataType.FLOAT, -1, 3, r, r).mul(2).sub(1);
        SDVariable pooledFakeA = sd.placeHolder(POOLED_FAKE_A, DataType.FLOAT, -1, 3, r, r);
        SDVariable pooledFakeB = sd.placeHolder(POOLED_FAKE_B, DataType.FLOAT, -1, 3, r, r);

        SDVariable fakeB = generator.apply(G_AB, realA).rename(FAKE_B);
        SDVariable fakeA = generator.apply(G_BA, realB).rename(FAKE_A);
        fakeB.add(1).mul(AS_B, 0.5);
        fakeA.add(1).mul(AS_A, 0.5);

        SDVariable generatorLoss = squaredDistance(sd, ADVERSARIAL_AB, discriminator.apply(D_B, fakeB, true), 1)
                .add(squaredDistance(sd, ADVERSARIAL_BA, discriminator.apply(D_A, fakeA, true), 1))
                .add(absoluteDistance(sd, CYCLE_A, generator.apply(G_BA, fakeB), realA, CYCLE_WEIGHT))
                .add(absoluteDistance(sd, CYCLE_B, generator.apply(G_AB, fakeA), realB, CYCLE_WEIGHT))
                .add(absoluteDistance(sd, IDENTITY_A, generator.apply(G_BA, realA), realA, IDENTITY_WEIGHT))
                .add(absoluteDistance(sd, IDENTITY_B, generator.apply(G_AB, realB), realB, IDENTITY_WEIGHT));

        SDVariable discriminatorLoss = discriminatorLoss(sd, DISCRIMINATOR_A, discriminator, D_A, realA, pooledFakeA)
                .add(discriminatorLoss(sd, DISCRIMINATOR_B, discriminator, D_B, realB, pooledFakeB));
        sd.setLossVariables(generatorLoss, discriminatorLoss);
        return sd;
    }

    /** The trainable variables of the networks whose names start with one of {@code networks}, sorted. */
    static List<String> variablesOf(SameDiff sd, String... networks) {
        TreeSet<String> names = new TreeSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            for (String network : networks) {
                if (v.name().startsWith(network + "/")) {
                    names.add(v.name());
                }
            }
        }
        return List.copyOf(names);
    }

    /** LSGAN: 0.5 x (mean (D(real) - 1)^2 + mean D(fake)^2), the fakes from the pool. */
    private static SDVariable discriminatorLoss(SameDiff sd, String name, PatchDiscriminator discriminator, String network,
            SDVariable real, SDVariable pooledFake) {
        SDVariable onReal = squaredDistance(sd, name + "/real", discriminator.apply(network, real, false), 1);
        SDVariable onFake = squaredDistance(sd, name + "/fake", discriminator.apply(network, pooledFake, false), 0);
        return onReal.add(onFake).mul(name, DISCRIMINATOR_WEIGHT);
    }

    /** MSELoss against a constant target: LSGAN's 1 for "real", 0 for "fake". */
    private static SDVariable squaredDistance(SameDiff sd, String name, SDVariable scores, double target) {
        return sd.mean(name, sd.math().square(scores.sub(target)));
    }

    /** L1Loss (the mean absolute difference), weighted. */
    private static SDVariable absoluteDistance(SameDiff sd, String name, SDVariable made, SDVariable target, double weight) {
        return sd.mean(sd.math().abs(made.sub(target))).mul(name, weight);
    }
}
