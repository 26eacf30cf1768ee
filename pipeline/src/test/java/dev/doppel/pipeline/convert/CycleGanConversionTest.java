package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.cyclegan.CycleGanOptions;
import dev.doppel.pipeline.cyclegan.CycleGanTraining;
import dev.doppel.pipeline.cyclegan.SameDiffCycleGanModel;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.train.TrainingFace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CycleGAN converts through the same conversion as a DeepFakes model: the photo keeps its size,
 * the swapped face is redrawn and nothing away from it changes. Tiny and briefly trained, so it says
 * nothing of likeness (SwapQualityBenchmark measures that).
 */
class CycleGanConversionTest {

    @Test
    void convertsAPhotoChangingOnlyTheSwappedFace() throws Exception {
        try (FaceModels faces = SampleFaces.models();
                SameDiffCycleGanModel model = SameDiffCycleGanModel.create(new CycleGanOptions(new ModelSettings(64, 0.125, 2e-4, 5), 2, 3))) {
            FaceExtractor extractor = new FaceExtractor(faces);
            AlignmentOptions options = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
            RgbImage photo = SampleFaces.photo("sample1");
            ExtractedFace a = extractor.extract(photo, options).get(0);
            ExtractedFace b = extractor.extract(SampleFaces.photo("sample6"), options).get(3);
            new Trainer(new CycleGanTraining().open(model, Map.of("A", List.of(TrainingFace.of(a.aligned())),
                    "B", List.of(TrainingFace.of(b.aligned()))), new TrainingPlan(1, 20, 1)))
                    .train(new Trainer.Options(20, 1, 20), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);

            Conversion conversion = new Conversion(faces, model, new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD,
                    BlendMode.FEATHER, BlendOptions.DEFAULT, FaceSelection.LARGEST, a.embedding(), 0.6, b.embedding()), false);
            BufferedImage swapped = conversion.photo(photo);

            assertThat(swapped.getWidth()).isEqualTo(photo.width());
            assertThat(swapped.getHeight()).isEqualTo(photo.height());
            PasteBackChanges changes = PasteBackChanges.of(photo, RgbImage.of(swapped), a.detection().box());
            assertThat(changes.outside()).as("pixels changed away from the swapped face").isZero();
            assertThat(changes.core()).as("share of the face's centre that changed").isGreaterThan(0.9);
            assertThat(conversion.report().facesSwapped()).isEqualTo(1);
        }
    }
}
