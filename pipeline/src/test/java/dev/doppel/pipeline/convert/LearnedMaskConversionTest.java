package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TranslatedFaces;
import dev.doppel.pipeline.image.RgbImage;

/**
 * The mask a model draws decides where its face goes: a model that paints every face white and
 * says only the right half of its crop is face changes only that half with the predicted mask,
 * both halves (within the landmark hull) with the landmarks' mask, and the product keeps to their
 * overlap. A model that draws no mask cannot be asked for one.
 */
class LearnedMaskConversionTest {

    private static final int R = 64;

    private static FaceModels faces;
    private static RgbImage photo;

    /** White faces; its mask is 1 on the right half of the crop and 0 on the left. */
    private static final FaceTranslator RIGHT_HALF = new FaceTranslator() {
        @Override
        public int resolution() {
            return R;
        }

        @Override
        public FaceBatch translate(FaceBatch in, String role) {
            float[] white = new float[in.pixels().length];
            Arrays.fill(white, 1f);
            return new FaceBatch(in.count(), in.size(), white);
        }

        @Override
        public boolean predictsMasks() {
            return true;
        }

        @Override
        public TranslatedFaces translateWithMasks(FaceBatch in, String role) {
            float[] masks = new float[in.count() * R * R];
            for (int i = 0; i < masks.length; i++) {
                masks[i] = i % R >= R / 2 ? 1f : 0f;
            }
            return new TranslatedFaces(translate(in, role), masks);
        }
    };

    @BeforeAll
    static void load() throws Exception {
        faces = SampleFaces.models();
        photo = SampleFaces.photo("sample1");
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    @Test
    void thePredictedMaskKeepsTheFaceToWhereTheModelDrewIt() {
        Halves predicted = whitened(MaskSource.PREDICTED);
        Halves landmarks = whitened(MaskSource.LANDMARKS);
        Halves product = whitened(null);
        System.out.printf("whitened pixels left/right: predicted %d/%d, landmarks %d/%d, product %d/%d%n", predicted.left(),
                predicted.right(), landmarks.left(), landmarks.right(), product.left(), product.right());
        assertThat(predicted.right()).isGreaterThan(1000);
        assertThat(predicted.left()).as("the half the model did not draw as face").isLessThan(predicted.right() / 20);
        assertThat(landmarks.left()).as("the landmarks' hull covers both halves").isGreaterThan(landmarks.right() / 2);
        assertThat(product.left()).as("the default for such a model: the product").isLessThan(product.right() / 20);
        assertThat(product.right()).as("within the hull only").isLessThanOrEqualTo(predicted.right());
    }

    @Test
    void aModelThatDrawsNoMaskIsRefusedOne() {
        FaceTranslator plain = new FaceTranslator() {
            @Override
            public int resolution() {
                return R;
            }

            @Override
            public FaceBatch translate(FaceBatch in, String role) {
                return in;
            }
        };
        assertThatThrownBy(() -> new Conversion(faces, plain, options(MaskSource.PRODUCT), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("draws no mask");
    }

    /** Pixels turned near-white, by the half of the largest face's aligned crop they fall in (the face is tilted). */
    private static Halves whitened(MaskSource mask) {
        BufferedImage swapped = new Conversion(faces, RIGHT_HALF, options(mask), false).photo(photo);
        double[] toCrop = new FaceExtractor(faces).extract(photo, new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE))
                .get(0).aligned().toCrop();
        int left = 0;
        int right = 0;
        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                int before = photo.rgb()[(y * photo.width() + x) * 3] & 0xff;
                int after = (swapped.getRGB(x, y) >> 16) & 0xff;
                if (after > 250 && after - before > 40) {
                    if (toCrop[0] * x + toCrop[1] * y + toCrop[2] < FrameSwapper.ALIGN_SIZE / 2.0) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
        }
        return new Halves(left, right);
    }

    private record Halves(int left, int right) {
    }

    private static SwapOptions options(MaskSource mask) {
        return new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.NONE, BlendMode.FEATHER, BlendOptions.DEFAULT, FaceSelection.LARGEST,
                null, 0.6, null, mask);
    }
}
