package dev.doppel.pipeline.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import java.nio.file.Path;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.SegmentJoin;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.media.VideoSegments;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.family.CheckpointSink;
import dev.doppel.pipeline.family.Trainer;
import dev.doppel.pipeline.family.TrainingPlan;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Conversion on a real photo with a really trained model. A is the largest face of sample1, B the
 * sample face the recognition net finds furthest from her (sample6's fourth, 0.89 away): one face
 * each, so a CI-sized run teaches B's decoder to draw B whatever it is given, enough to move the
 * swapped face's identity towards B (0.89 to 0.80 after 200 steps here). Sharp swaps that also keep
 * pose and expression take the long runs a real train job makes, not CI's.
 */
class ConversionTest {

    private static final int STEPS = 200;

    private static FaceModels faces;
    private static SameDiffSwapModel model;
    private static RgbImage photo;
    private static ExtractedFace a;
    private static ExtractedFace b;

    @BeforeAll
    static void train() throws Exception {
        faces = SampleFaces.models();
        FaceExtractor extractor = new FaceExtractor(faces);
        AlignmentOptions options = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, Coverage.WHOLE_FACE);
        photo = SampleFaces.photo("sample1");
        a = extractor.extract(photo, options).get(0);
        b = extractor.extract(SampleFaces.photo("sample6"), options).get(3);
        model = SameDiffSwapModel.create(new SwapModelOptions(64, 0.25, 3e-4, 5));
        Trainer.Result result = new Trainer(new SwapTraining().open(model,
                Map.of("A", List.of(TrainingFace.of(a.aligned())), "B", List.of(TrainingFace.of(b.aligned()))), new TrainingPlan(4, STEPS, 1)))
                .train(new Trainer.Options(STEPS, 4, STEPS), Progress.NONE, Cancellation.NEVER, CheckpointSink.NONE);
        System.out.printf("trained %d steps in %.1f s%n", result.iterations(), result.seconds());
    }

    @AfterAll
    static void close() {
        model.close();
        faces.close();
    }

    private static SwapOptions options(FaceSelection selection, ColourMatch colour, BlendMode blend) {
        return new SwapOptions("B", Coverage.WHOLE_FACE, colour, blend, BlendOptions.DEFAULT, selection, a.embedding(), 0.6,
                b.embedding());
    }

    @Test
    void swapsTheLargestFaceTowardsBAndLeavesTheRestOfThePhotoAlone() {
        Conversion conversion = new Conversion(faces, model, options(FaceSelection.LARGEST, ColourMatch.REINHARD, BlendMode.FEATHER), false);
        BufferedImage swapped = conversion.photo(photo);

        assertThat(swapped.getWidth()).isEqualTo(photo.width());
        assertThat(swapped.getHeight()).isEqualTo(photo.height());
        PasteBackChanges changes = PasteBackChanges.of(photo, RgbImage.of(swapped), a.detection().box());
        assertThat(changes.outside()).as("pixels changed away from the swapped face").isZero();
        assertThat(changes.core()).as("share of the face's centre that changed").isGreaterThan(0.9);

        QualityReport report = conversion.report();
        assertThat(report.facesSwapped()).isEqualTo(1);
        FaceReport measured = report.faces().get(0);
        System.out.printf("identity distance to B: input %.3f, output %.3f; to the input %.3f; landmark drift %.3f%n",
                measured.inputDistanceToTarget(), measured.distanceToTarget(), measured.distanceToSource(), measured.landmarkDrift());
        assertThat(measured.closerToTarget()).as("the swapped face is nearer B than A's face was").isTrue();
        assertThat(measured.landmarkDrift()).as("landmarks measured on the output").isFinite().isPositive();
        assertThat(report.summary()).containsEntry("facesSwapped", 1L).containsKey("meanDistanceToTarget");
        assertThat(conversion.times().millisPerFrame(1)).containsKeys("detect", "landmarks", "align", "swap", "blend", "measure");
    }

    @Test
    void swapsEveryFaceWhenAskedAndOnlyTheReferencePersonWhenThat() {
        Conversion all = new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.NONE, BlendMode.SEAMLESS), true);
        all.photo(photo);
        assertThat(all.report().facesSwapped()).isEqualTo(3);

        Conversion reference = new Conversion(faces, model, options(FaceSelection.REFERENCE, ColourMatch.HISTOGRAM, BlendMode.FEATHER), false);
        reference.photo(photo);
        assertThat(reference.report().facesSwapped()).as("only A's own face is within 0.6 of A").isEqualTo(1);
        assertThat(reference.report().faces().get(0).faceIndex()).isZero();
    }

    /**
     * Losslessly encoded, since x264 on several threads does not give the same bytes twice for the
     * same frames (0.2-0.6 grey levels apart here): what is compared is what the swap drew.
     */
    @Test
    void aVideoInBatchesAndKeyframesComesOutAsFrameByFrame(@TempDir Path dir) throws Exception {
        Path clip = PannedClip.write(dir.resolve("clip.mp4"), 960, 540, 12);
        VideoRewrite.Encoding lossless = new VideoRewrite.Encoding(0, "ultrafast");
        Map<String, Conversion> conversions = new java.util.LinkedHashMap<>();
        conversions.put("frame by frame", new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false,
                Conversion.VideoSettings.FRAME_BY_FRAME));
        conversions.put("batched", new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false,
                new Conversion.VideoSettings(8, 1)));
        conversions.put("keyframes", new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false,
                Conversion.VideoSettings.DEFAULT));
        Map<String, List<RgbImage>> outputs = new java.util.HashMap<>();
        for (Map.Entry<String, Conversion> entry : conversions.entrySet()) {
            Path out = dir.resolve(entry.getKey().replace(' ', '-') + ".mp4");
            VideoRewrite.Result result = entry.getValue().video(clip, out, lossless, PROVENANCE, Progress.NONE, Cancellation.NEVER);
            assertThat(result.frames()).isEqualTo(12);
            outputs.put(entry.getKey(), frames(out));
        }
        List<RgbImage> source = frames(clip);
        List<RgbImage> reference = outputs.get("frame by frame");
        double swapChange = 0;
        double keyframeChange = 0;
        for (int f = 0; f < source.size(); f++) {
            double swap = meanDifference(source.get(f), reference.get(f));
            double batched = meanDifference(reference.get(f), outputs.get("batched").get(f));
            double keyframed = meanDifference(reference.get(f), outputs.get("keyframes").get(f));
            System.out.printf("frame %d: the swap changed %.2f grey levels; batched %.3f, keyframes %.3f from frame by frame%n", f, swap,
                    batched, keyframed);
            assertThat(batched).as("frame %d batched", f).isLessThan(0.01);
            assertThat(keyframed).as("frame %d with keyframes", f).isLessThan(0.25 * swap);
            swapChange += swap;
            keyframeChange += keyframed;
        }
        assertThat(keyframeChange).as("keyframes against the swap's own change").isLessThan(0.1 * swapChange);
        Conversion framewise = conversions.get("frame by frame");
        Conversion keyframed = conversions.get("keyframes");
        assertThat(conversions.get("batched").report().facesSwapped()).isEqualTo(framewise.report().facesSwapped());
        assertThat(keyframed.report().facesSwapped()).as("faces swapped, a face at the edge aside")
                .isCloseTo(framewise.report().facesSwapped(), org.assertj.core.data.Offset.offset(1L));
        assertThat(framewise.keyframes()).isEqualTo(12);
        assertThat(keyframed.keyframes()).as("the detector ran on frames 0, 5 and 10").isEqualTo(3);
    }

    /**
     * What a long video's workers do between them: the clip planned into parts at its keyframes,
     * each part converted alone (decoding a little before its start, so smoothing and keyframes
     * run on across the cut), the parts joined with the source's sound.
     */
    @Test
    void aVideoConvertedInPartsAndJoinedIsTheVideoConvertedWhole(@TempDir Path dir) throws Exception {
        Path clip = PannedClip.write(dir.resolve("clip.mp4"), 640, 360, 30);
        VideoRewrite.Encoding lossless = new VideoRewrite.Encoding(0, "ultrafast");
        List<VideoRewrite.Window> plan = VideoSegments.plan(clip, 400_000, 200_000);
        List<Long> sourceTimes = timestamps(clip);
        // Keyframes every 12 frames: parts from frames 0, 12 and 24.
        assertThat(plan).extracting(VideoRewrite.Window::startMicros)
                .containsExactly(Long.MIN_VALUE, sourceTimes.get(12), sourceTimes.get(24));

        Path whole = dir.resolve("whole.mp4");
        new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false)
                .video(clip, whole, lossless, PROVENANCE, Progress.NONE, Cancellation.NEVER);
        List<Path> parts = new java.util.ArrayList<>();
        long partFrames = 0;
        for (VideoRewrite.Window window : plan) {
            Path part = dir.resolve("part" + parts.size() + ".mp4");
            partFrames += new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false)
                    .videoPart(clip, part, lossless, PROVENANCE, window, Progress.NONE, Cancellation.NEVER).frames();
            parts.add(part);
        }
        Path joined = dir.resolve("joined.mp4");
        SegmentJoin.Joined result = SegmentJoin.join(clip, parts, joined, PROVENANCE, Cancellation.NEVER);

        assertThat(partFrames).isEqualTo(30);
        assertThat(result.frames()).isEqualTo(30);
        assertThat(timestamps(joined)).as("every frame at its source time").isEqualTo(sourceTimes);
        assertThat(audioSamples(joined)).as("the sound copied once").isEqualTo(audioSamples(clip)).isPositive();
        assertThat(result.audioCopied()).isTrue();
        List<RgbImage> source = frames(clip);
        List<RgbImage> reference = frames(whole);
        List<RgbImage> together = frames(joined);
        double swapChange = 0;
        double partsChange = 0;
        for (int f = 0; f < source.size(); f++) {
            double swap = meanDifference(source.get(f), reference.get(f));
            double apart = meanDifference(reference.get(f), together.get(f));
            System.out.printf("frame %d: the swap changed %.2f grey levels; in parts %.3f from whole%n", f, swap, apart);
            assertThat(apart).as("frame %d", f).isLessThan(0.25 * swap);
            swapChange += swap;
            partsChange += apart;
        }
        assertThat(partsChange).isLessThan(0.1 * swapChange);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(joined.toFile())) {
            grabber.start();
            assertThat(String.join(" ", grabber.getMetadata().values())).contains("compositeWithTrainedAlgorithmicMedia");
        }
    }

    private static List<Long> timestamps(Path video) throws Exception {
        List<Long> times = new java.util.ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                times.add(frame.timestamp);
            }
        }
        return times;
    }

    private static long audioSamples(Path video) throws Exception {
        long samples = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            for (Frame frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                samples += frame.samples[0].limit();
            }
        }
        return samples;
    }

    private static final Provenance PROVENANCE = new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "test");

    private static List<RgbImage> frames(Path video) throws Exception {
        List<RgbImage> frames = new java.util.ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile()); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                frames.add(RgbImage.of(converter.convert(frame)));
            }
        }
        return frames;
    }

    private static double meanDifference(RgbImage a, RgbImage b) {
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return sum / (double) x.length;
    }

    @Test
    void aPhotoWithoutFacesPassesThroughUnchanged() {
        RgbImage blank = new RgbImage(320, 240, new byte[320 * 240 * 3]);
        Conversion conversion = new Conversion(faces, model, options(FaceSelection.ALL, ColourMatch.REINHARD, BlendMode.FEATHER), false);
        RgbImage out = RgbImage.of(conversion.photo(blank));
        assertThat(out.rgb()).isEqualTo(blank.rgb());
        assertThat(conversion.report().facesSwapped()).isZero();
    }
}
