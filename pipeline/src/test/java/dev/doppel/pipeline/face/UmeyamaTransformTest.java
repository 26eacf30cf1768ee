package dev.doppel.pipeline.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class UmeyamaTransformTest {

    private static final List<LandmarkSet.Point> SHAPE = MeanFace.POINTS;

    @Test
    void recoversAKnownSimilarity() {
        UmeyamaTransform known = new UmeyamaTransform(137.5, Math.toRadians(-23), 812.25, 404.5);

        UmeyamaTransform found = UmeyamaTransform.estimate(SHAPE, Affine.apply(known.matrix(), SHAPE));

        assertThat(found.scale()).isCloseTo(137.5, within(1e-6));
        assertThat(found.rotation()).isCloseTo(Math.toRadians(-23), within(1e-9));
        assertThat(found.translateX()).isCloseTo(812.25, within(1e-6));
        assertThat(found.translateY()).isCloseTo(404.5, within(1e-6));
    }

    @Test
    void staysCloseUnderLandmarkNoise() {
        UmeyamaTransform known = new UmeyamaTransform(200, Math.toRadians(10), -30, 55);
        Random random = new Random(7);
        List<LandmarkSet.Point> noisy = Affine.apply(known.matrix(), SHAPE).stream()
                .map(p -> new LandmarkSet.Point(p.x() + 2 * random.nextGaussian(), p.y() + 2 * random.nextGaussian()))
                .toList();

        UmeyamaTransform found = UmeyamaTransform.estimate(SHAPE, noisy);

        // 2 px noise on 51 points spread over ~200 px: scale within 1 %, angle within half a degree.
        assertThat(found.scale()).isCloseTo(200, within(2.0));
        assertThat(Math.toDegrees(found.rotation())).isCloseTo(10, within(0.5));
        assertThat(found.translateX()).isCloseTo(-30, within(3.0));
        assertThat(found.translateY()).isCloseTo(55, within(3.0));
    }

    @Test
    void answersAMirroredShapeWithARotationNotAReflection() {
        List<LandmarkSet.Point> mirrored = SHAPE.stream().map(p -> new LandmarkSet.Point(-p.x(), p.y())).toList();

        double[] m = UmeyamaTransform.estimate(SHAPE, mirrored).matrix();

        assertThat(m[0] * m[4] - m[1] * m[3]).isPositive();
    }

    @Test
    void invertsAndComposes() {
        double[] m = new UmeyamaTransform(3, 0.4, 10, -7).matrix();
        LandmarkSet.Point p = new LandmarkSet.Point(12.5, -4);

        LandmarkSet.Point back = Affine.apply(Affine.invert(m), Affine.apply(m, p));
        LandmarkSet.Point twice = Affine.apply(Affine.then(m, m), p);

        assertThat(back.x()).isCloseTo(12.5, within(1e-9));
        assertThat(back.y()).isCloseTo(-4, within(1e-9));
        assertThat(twice.x()).isCloseTo(Affine.apply(m, Affine.apply(m, p)).x(), within(1e-9));
        assertThat(twice.y()).isCloseTo(Affine.apply(m, Affine.apply(m, p)).y(), within(1e-9));
    }
}
