package dev.doppel.pipeline.reenact;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.convert.FacePaste;
import dev.doppel.pipeline.convert.FacePatch;
import dev.doppel.pipeline.convert.FrameSwapper;
import dev.doppel.pipeline.convert.Watermark;
import dev.doppel.pipeline.drive.DriverTrack;
import dev.doppel.pipeline.drive.DrivingReport;
import dev.doppel.pipeline.drive.FaceOpenings;
import dev.doppel.pipeline.drive.NeutralFace;
import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceAligner;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceMask;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.FaceTracker;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.image.Resize;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.LoopedFrames;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.stage.StageTimes;

/**
 * The drive stage (Face2Face through a sketch-to-face model): the driver's landmarks are tracked and
 * smoothed frame by frame, their change from the driver's neutral frame moves the target's
 * landmarks ({@link MotionTransfer}), the model draws the target's face for the sketch of the moved
 * landmarks, and the face is colour-matched and blended into the target's picture as conversion
 * pastes a swap. The output has the driver's frames, frame rate, timestamps and (by option) sound,
 * in the target's picture. Every frame is measured for the report.
 */
public final class Reenactment {

    /**
     * @param neutralFrame   the driver's frame whose expression counts as "no change" (its first face at or after it)
     * @param coverage       the crop the model was trained on
     * @param targetIdentity the target person's embedding, for the report; null skips identity figures
     * @param sound          keep the driver's sound
     */
    public record Options(int neutralFrame, Coverage coverage, ColourMatch colourMatch, BlendMode blend, BlendOptions blendOptions,
            FaceEmbedding targetIdentity, boolean sound, boolean watermark) {

        public Options {
            if (neutralFrame < 0) {
                throw new IllegalArgumentException("the neutral frame is a frame index, 0 or more");
            }
        }
    }

    /** The target's face in its picture, aligned as the model was trained. */
    private record TargetFace(LocatedFace located, AlignedFace aligned, BufferedImage crop, BufferedImage mask) {
    }

    private final FaceModels faces;
    private final FaceExtractor extractor;
    private final SketchToFace model;
    private final Options options;
    private final AlignmentOptions alignment;
    private final StageTimes times = new StageTimes();
    private final DrivingReport report = new DrivingReport();
    private BufferedImage lastFrame;

    public Reenactment(FaceModels faces, SketchToFace model, Options options) {
        this.faces = faces;
        this.extractor = new FaceExtractor(faces);
        this.model = model;
        this.options = options;
        this.alignment = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, options.coverage());
    }

    public StageTimes times() {
        return times;
    }

    public DrivingReport report() {
        return report;
    }

    /** The latest frame made: the result's preview. */
    public Optional<BufferedImage> lastFrame() {
        return Optional.ofNullable(lastFrame);
    }

    /** The target is a photo: every output frame is drawn into it. */
    public VideoRewrite.Result drive(Path driver, RgbImage photo, Path output, VideoRewrite.Encoding encoding, Provenance provenance,
            Progress progress, Cancellation cancellation) throws IOException {
        RgbImage even = photo.evenSized();
        TargetFace target = targetFace(even, extractor.locate(even, times)).orElseThrow(() -> new NoFace("No face was found in the target photo."));
        return drive(driver, even.width(), even.height(), () -> new Target(even, target), output, encoding, provenance, progress,
                cancellation);
    }

    /** The target is a video: output frame i is drawn into its frame i, from its first again after its last. */
    public VideoRewrite.Result drive(Path driver, Path targetVideo, Path output, VideoRewrite.Encoding encoding, Provenance provenance,
            Progress progress, Cancellation cancellation) throws IOException {
        try (LoopedFrames frames = new LoopedFrames(targetVideo)) {
            FaceTracker[] tracker = {new FaceTracker()};
            long[] pass = {0};
            long[] index = {0};
            return drive(driver, frames.width() & ~1, frames.height() & ~1, () -> {
                RgbImage frame = RgbImage.of(frames.next()).evenSized();
                if (frames.passes() != pass[0]) {
                    // Back at the first frame: the face jumps to where it began, and smoothing must not drag it.
                    pass[0] = frames.passes();
                    tracker[0] = new FaceTracker();
                }
                List<LocatedFace> located = tracker[0].update(extractor.locate(frame, times), index[0]++ / frames.frameRate());
                return new Target(frame, targetFace(frame, located).orElse(null));
            }, output, encoding, provenance, progress, cancellation);
        }
    }

    private record Target(RgbImage frame, TargetFace face) {
    }

    @FunctionalInterface
    private interface Targets {
        Target next() throws IOException;
    }

    private VideoRewrite.Result drive(Path driver, int width, int height, Targets targets, Path output, VideoRewrite.Encoding encoding,
            Provenance provenance, Progress progress, Cancellation cancellation) throws IOException {
        LandmarkSet neutral = FaceAligner.landmarksInCrop(
                NeutralFace.find(driver, options.neutralFrame(), extractor, times, cancellation).landmarks(), alignment);
        DriverTrack track = new DriverTrack();
        long[] nextIdentity = {0};
        return VideoRewrite.rewrite(driver, output, encoding, provenance, new VideoRewrite.Output(width, height, options.sound()),
                (index, micros, frame) -> {
                    LandmarkSet driverLandmarks = track.update(extractor.locate(RgbImage.of(frame), times), micros / 1e6);
                    Target target = targets.next();
                    if (driverLandmarks == null || target.face() == null) {
                        report.undriven();
                        return finish(target.frame());
                    }
                    boolean identity = options.targetIdentity() != null && micros >= nextIdentity[0];
                    if (identity) {
                        nextIdentity[0] = micros + DrivingReport.IDENTITY_EVERY_MICROS;
                    }
                    return finish(drawInto(index, target, driverLandmarks, neutral, identity));
                }, progress, cancellation);
    }

    /** The target's picture with its face redrawn to the driver's expression, measured for the report. */
    private RgbImage drawInto(long index, Target target, LandmarkSet driverLandmarks, LandmarkSet neutral, boolean identity) {
        TargetFace face = target.face();
        LandmarkSet driver = FaceAligner.landmarksInCrop(driverLandmarks, alignment);
        LandmarkSet moved = MotionTransfer.relative(face.aligned().landmarksInCrop(), driver, neutral);
        int r = model.resolution();
        BufferedImage drawn = times.time("draw", () -> {
            LandmarkSet small = scaled(moved, (double) r / FrameSwapper.ALIGN_SIZE);
            FaceBatch made = model.draw(new FaceBatch(1, r, LandmarkSketch.planes(small, r).values()));
            return new PlanarImage(3, r, made.pixels()).toRgb();
        });
        RgbImage frame = target.frame();
        byte[] out = frame.rgb().clone();
        times.time("blend", () -> {
            BufferedImage matched = options.colourMatch().apply(drawn, face.crop(), face.mask());
            // The moved face may reach past the still one (a mouth opening lowers the chin): paste under both masks.
            AlignedFace under = new AlignedFace(face.aligned().crop(), FaceMask.union(face.aligned().mask(), FaceMask.of(moved,
                    FrameSwapper.ALIGN_SIZE, FrameSwapper.ALIGN_SIZE)), face.aligned().toCrop(), moved);
            FacePatch patch = FacePaste.patch(matched, under, frame.width(), frame.height());
            if (patch != null) {
                options.blend().blend(patch, out, frame.width(), frame.height(), options.blendOptions());
            }
            return null;
        });
        RgbImage result = new RgbImage(frame.width(), frame.height(), out);
        times.time("measure", () -> {
            LandmarkSet after = faces.landmarks().landmarks(result, List.of(face.located().detection().box())).get(0);
            double distance = Double.NaN;
            if (identity) {
                FaceEmbedding made = faces.embedder().embed(result, List.of(after.recognitionCrop())).get(0);
                distance = made.distance(options.targetIdentity());
            }
            FaceOpenings driven = FaceOpenings.of(driverLandmarks);
            FaceOpenings made = FaceOpenings.of(after);
            report.driven(new DrivingReport.Frame(index, driven.mouth(), made.mouth(), driven.eyes(), made.eyes(), distance));
            return null;
        });
        return result;
    }

    /** The largest face, aligned at the conversion size and at the model's. */
    private Optional<TargetFace> targetFace(RgbImage frame, List<LocatedFace> located) {
        if (located.isEmpty()) {
            return Optional.empty();
        }
        LocatedFace face = located.get(0);
        AlignedFace aligned = FaceAligner.align(frame, face.landmarks(), alignment);
        int r = model.resolution();
        return Optional.of(new TargetFace(face, aligned, Resize.rgb(aligned.crop(), r), Resize.grey(aligned.mask(), r)));
    }

    private BufferedImage finish(RgbImage image) {
        BufferedImage out = image.toImage();
        if (options.watermark()) {
            Watermark.stamp(out);
        }
        lastFrame = out;
        return out;
    }

    private static LandmarkSet scaled(LandmarkSet landmarks, double scale) {
        return new LandmarkSet(landmarks.points().stream()
                .map(p -> new LandmarkSet.Point((p.x() + 0.5) * scale - 0.5, (p.y() + 0.5) * scale - 0.5)).toList());
    }
}
