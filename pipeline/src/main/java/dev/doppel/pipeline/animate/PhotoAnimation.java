package dev.doppel.pipeline.animate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.doppel.pipeline.convert.Watermark;
import dev.doppel.pipeline.drive.DriverTrack;
import dev.doppel.pipeline.drive.DrivingReport;
import dev.doppel.pipeline.drive.FaceOpenings;
import dev.doppel.pipeline.drive.NeutralFace;
import dev.doppel.pipeline.drive.NoFace;
import dev.doppel.pipeline.face.DetectedFace;
import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.stage.StageTimes;

/**
 * The animate stage: one photo moves as the person in a driving video does. The driver's landmarks
 * are tracked and smoothed, a {@link Method} moves the photo by the driver's change since its
 * neutral frame, and every frame is measured for the report (mouth and eye openings against the
 * driver's, identity distance to the photo's own face). The output has the driver's frames, frame
 * rate, timestamps and (by option) sound, in the photo's framing.
 */
public final class PhotoAnimation {

    /**
     * @param neutralFrame the driver's frame whose expression counts as "no change" (its first face at or after it)
     * @param faceIndex    which of the photo's faces moves, counted from the left from 0; null for the largest
     */
    public record Options(int neutralFrame, Integer faceIndex, boolean sound, boolean watermark) {

        public Options {
            if (neutralFrame < 0 || faceIndex != null && faceIndex < 0) {
                throw new IllegalArgumentException("the neutral frame and the face index count from 0");
            }
        }
    }

    /** How a photo is moved: by warping it over landmarks, or by a learned motion model. */
    public interface Method {

        /** The {@code method} a job names it by. */
        String name();

        /** Ready to move {@code face} of {@code photo} as a driver moves from {@code neutral}. */
        Animator open(RgbImage photo, LocatedFace face, NeutralFace neutral);
    }

    /** One photo, ready to be moved frame by frame. */
    @FunctionalInterface
    public interface Animator {

        /** The photo moved as the driver has since its neutral frame; {@code driver} is in {@code frame}'s pixels. */
        Animated animate(RgbImage frame, LandmarkSet driver);
    }

    /** A moved photo and where its face now is, for measuring it. */
    public record Animated(RgbImage image, FaceBox face) {
    }

    private final FaceModels faces;
    private final FaceExtractor extractor;
    private final Method method;
    private final Options options;
    private final StageTimes times = new StageTimes();
    private final DrivingReport report = new DrivingReport();
    private BufferedImage lastFrame;

    public PhotoAnimation(FaceModels faces, Method method, Options options) {
        this.faces = faces;
        this.extractor = new FaceExtractor(faces);
        this.method = method;
        this.options = options;
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

    public VideoRewrite.Result animate(Path driver, RgbImage photo, Path output, VideoRewrite.Encoding encoding, Provenance provenance,
            Progress progress, Cancellation cancellation) throws IOException {
        RgbImage even = photo.evenSized();
        LocatedFace face = chooseFace(extractor.locate(even, times));
        FaceEmbedding identity = faces.embedder().embed(even, List.of(face.landmarks().recognitionCrop())).get(0);
        NeutralFace neutral = NeutralFace.find(driver, options.neutralFrame(), extractor, times, cancellation);
        Animator animator = method.open(even, face, neutral);
        DriverTrack track = new DriverTrack();
        long[] nextIdentity = {0};
        return VideoRewrite.rewrite(driver, output, encoding, provenance, new VideoRewrite.Output(even.width(), even.height(), options.sound()),
                (index, micros, frame) -> {
                    RgbImage driverFrame = RgbImage.of(frame);
                    LandmarkSet driving = track.update(extractor.locate(driverFrame, times), micros / 1e6);
                    if (driving == null) {
                        report.undriven();
                        return finish(even);
                    }
                    Animated animated = times.time(method.name(), () -> animator.animate(driverFrame, driving));
                    boolean measureIdentity = micros >= nextIdentity[0];
                    if (measureIdentity) {
                        nextIdentity[0] = micros + DrivingReport.IDENTITY_EVERY_MICROS;
                    }
                    measure(index, animated, driving, measureIdentity ? identity : null);
                    return finish(animated.image());
                }, progress, cancellation);
    }

    /**
     * The output's face found again as the detector sees it: its box grows as the jaw drops, and the
     * landmark net reads a mouth right only in the box it was trained on.
     */
    private void measure(long index, Animated animated, LandmarkSet driver, FaceEmbedding identity) {
        times.time("measure", () -> {
            FaceBox box = faces.detector().detect(animated.image()).stream().map(DetectedFace::box)
                    .max(Comparator.comparingDouble(b -> b.iou(animated.face()))).filter(b -> b.iou(animated.face()) > 0.3)
                    .orElse(animated.face());
            LandmarkSet after = faces.landmarks().landmarks(animated.image(), List.of(box)).get(0);
            double distance = identity == null ? Double.NaN
                    : faces.embedder().embed(animated.image(), List.of(after.recognitionCrop())).get(0).distance(identity);
            FaceOpenings driven = FaceOpenings.of(driver);
            FaceOpenings made = FaceOpenings.of(after);
            report.driven(new DrivingReport.Frame(index, driven.mouth(), made.mouth(), driven.eyes(), made.eyes(), distance));
            return null;
        });
    }

    /** The largest face, or the {@link Options#faceIndex}-th from the left. */
    private LocatedFace chooseFace(List<LocatedFace> located) {
        if (located.isEmpty()) {
            throw new NoFace("No face was found in the photo.");
        }
        if (options.faceIndex() == null) {
            return located.get(0);
        }
        List<LocatedFace> leftToRight = located.stream().sorted(Comparator.comparingDouble(f -> f.detection().box().x())).toList();
        if (options.faceIndex() >= leftToRight.size()) {
            throw new NoFace("The photo has " + leftToRight.size() + (leftToRight.size() == 1 ? " face" : " faces")
                    + ", so it has no face " + options.faceIndex() + "; faceIndex counts from 0 at the left, up to "
                    + (leftToRight.size() - 1) + ".");
        }
        return leftToRight.get(options.faceIndex());
    }

    private BufferedImage finish(RgbImage image) {
        BufferedImage out = image.toImage();
        if (options.watermark()) {
            Watermark.stamp(out);
        }
        lastFrame = out;
        return out;
    }
}
