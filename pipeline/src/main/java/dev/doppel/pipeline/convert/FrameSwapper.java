package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.FaceAligner;
import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.face.Sharpness;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.image.Resize;
import dev.doppel.pipeline.stage.StageTimes;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TranslatedFaces;

/**
 * Swaps the faces of one frame: align each face as training did, run the model's target decoder
 * on all of them in one batch, match the new face's colour to the old, warp it back through the
 * inverse of the alignment and blend it in under the feathered (or Poisson-cloned) face mask.
 * Optionally measures each swap for the quality report.
 */
public final class FrameSwapper {

    /**
     * Faces are aligned at this size and area-averaged down to the model's, as the train stage
     * reads extract's 256 px crops; the larger crop also gives the pasted mask a smooth edge.
     */
    public static final int ALIGN_SIZE = 256;

    public record Result(RgbImage image, int facesFound, int facesSwapped, List<FaceReport> reports) {
    }

    /** A face as the model takes it: crop and mask at the model's resolution. */
    private record ModelInput(BufferedImage crop, BufferedImage mask) {
    }

    private final FaceModels faces;
    private final FaceTranslator model;
    private final SwapOptions options;
    private final StageTimes times;

    private final MaskSource mask;

    /** @throws IllegalArgumentException when the options ask for the model's mask and the model draws none */
    public FrameSwapper(FaceModels faces, FaceTranslator model, SwapOptions options, StageTimes times) {
        this.faces = faces;
        this.model = model;
        this.options = options;
        this.times = times;
        this.mask = options.mask() == null ? MaskSource.bestFor(model.predictsMasks()) : options.mask();
        if (mask != MaskSource.LANDMARKS && !model.predictsMasks()) {
            throw new IllegalArgumentException("this model draws no mask: paste it under the landmarks' mask");
        }
    }

    /**
     * A frame's faces chosen and aligned, waiting for the model: {@link #swapAll} draws the faces
     * of several frames in one pass, which is what makes a video fast.
     */
    public static final class Prepared {
        private final long frameIndex;
        private final RgbImage frame;
        private final List<LocatedFace> located;
        private final boolean measure;
        private final List<FaceEmbedding> inputEmbeddings;
        private final List<Integer> picked;
        private final List<AlignedFace> aligned = new ArrayList<>();
        private final List<ModelInput> small = new ArrayList<>();

        private Prepared(long frameIndex, RgbImage frame, List<LocatedFace> located, boolean measure,
                List<FaceEmbedding> inputEmbeddings, List<Integer> picked) {
            this.frameIndex = frameIndex;
            this.frame = frame;
            this.located = located;
            this.measure = measure;
            this.inputEmbeddings = inputEmbeddings;
            this.picked = picked;
        }
    }

    /** A face as the model drew it, and its learned mask where the model draws one. */
    private record DrawnFace(BufferedImage face, float[] mask) {
    }

    /** Faces per model pass: a batch this size runs at about a fifth of a lone face's cost per face, and bounds memory. */
    static final int MAX_BATCH = 32;

    /**
     * A new image with the chosen faces swapped; the input is left as it was.
     *
     * @param located faces found in {@code frame}, largest first, landmarks smoothed if the caller tracks them
     * @param measure whether to measure identity and landmark drift of each swap (two more network passes)
     */
    public Result swap(long frameIndex, RgbImage frame, List<LocatedFace> located, boolean measure) {
        return swapAll(List.of(prepare(frameIndex, frame, located, measure))).get(0);
    }

    /** Chooses and aligns the faces of one frame, as {@link #swap} would. */
    public Prepared prepare(long frameIndex, RgbImage frame, List<LocatedFace> located, boolean measure) {
        List<FaceEmbedding> inputEmbeddings = !located.isEmpty() && needsEmbeddings(measure)
                ? times.time("embed", () -> faces.embedder().embed(frame, located.stream().map(f -> f.landmarks().recognitionCrop()).toList()))
                : null;
        List<Integer> picked = located.isEmpty() ? List.of()
                : options.selection().pick(located.size(), inputEmbeddings, options.sourceReference(), options.maxIdentityDistance());
        Prepared prepared = new Prepared(frameIndex, frame, located, measure, inputEmbeddings, picked);
        times.time("align", () -> {
            for (int index : picked) {
                AlignedFace face = FaceAligner.align(frame, located.get(index).landmarks(), new AlignmentOptions(ALIGN_SIZE, options.coverage()));
                prepared.aligned.add(face);
                prepared.small.add(new ModelInput(Resize.rgb(face.crop(), model.resolution()), Resize.grey(face.mask(), model.resolution())));
            }
            return null;
        });
        return prepared;
    }

    /** The frames with their faces swapped, in their order: the model runs on all their faces at once. */
    public List<Result> swapAll(List<Prepared> frames) {
        List<ModelInput> inputs = frames.stream().flatMap(f -> f.small.stream()).toList();
        List<DrawnFace> drawn = times.time("swap", () -> draw(inputs));
        List<Result> results = new ArrayList<>();
        int next = 0;
        for (Prepared frame : frames) {
            List<DrawnFace> own = drawn.subList(next, next + frame.picked.size());
            next += frame.picked.size();
            results.add(finish(frame, own));
        }
        return results;
    }

    private List<DrawnFace> draw(List<ModelInput> inputs) {
        List<DrawnFace> drawn = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
            List<ModelInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH));
            TranslatedFaces translated = mask == MaskSource.LANDMARKS
                    ? new TranslatedFaces(model.translate(batch(chunk), options.target()), null)
                    : model.translateWithMasks(batch(chunk), options.target());
            for (int i = 0; i < chunk.size(); i++) {
                drawn.add(new DrawnFace(tile(translated.faces(), i), translated.masks() == null ? null : translated.mask(i)));
            }
        }
        return drawn;
    }

    private Result finish(Prepared prepared, List<DrawnFace> drawn) {
        RgbImage frame = prepared.frame;
        if (prepared.picked.isEmpty()) {
            return new Result(frame, prepared.located.size(), 0, List.of());
        }
        byte[] out = frame.rgb().clone();
        times.time("blend", () -> {
            for (int i = 0; i < prepared.picked.size(); i++) {
                BufferedImage newFace = drawn.get(i).face();
                ModelInput original = prepared.small.get(i);
                AlignedFace face = prepared.aligned.get(i);
                BufferedImage colourMask = original.mask();
                if (mask != MaskSource.LANDMARKS) {
                    face = new AlignedFace(face.crop(), mask.combine(face.mask(), drawn.get(i).mask(), model.resolution()), face.toCrop(),
                            face.landmarksInCrop());
                    // Colours are matched over what is pasted, as DFL does: not over a hand the model left out.
                    colourMask = Resize.grey(face.mask(), model.resolution());
                }
                BufferedImage matched = options.colourMatch().apply(newFace, original.crop(), colourMask);
                FacePatch patch = FacePaste.patch(matched, face, frame.width(), frame.height());
                if (patch != null) {
                    options.blend().blend(patch, out, frame.width(), frame.height(), options.blendOptions());
                }
            }
            return null;
        });
        RgbImage result = new RgbImage(frame.width(), frame.height(), out);
        List<FaceReport> reports = prepared.measure ? measure(prepared, result, drawn) : List.of();
        return new Result(result, prepared.located.size(), prepared.picked.size(), reports);
    }

    private boolean needsEmbeddings(boolean measure) {
        return measure || options.selection() == FaceSelection.REFERENCE;
    }

    private List<FaceReport> measure(Prepared prepared, RgbImage result, List<DrawnFace> drawn) {
        return times.time("measure", () -> {
            List<LocatedFace> located = prepared.located;
            List<Integer> picked = prepared.picked;
            List<FaceBox> boxes = picked.stream().map(i -> located.get(i).detection().box()).toList();
            List<LandmarkSet> after = faces.landmarks().landmarks(result, boxes);
            List<FaceEmbedding> outputEmbeddings = faces.embedder().embed(result, after.stream().map(LandmarkSet::recognitionCrop).toList());
            FaceEmbedding target = options.targetIdentity();
            List<FaceReport> reports = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                int index = picked.get(i);
                LandmarkSet before = located.get(index).landmarks();
                FaceEmbedding input = prepared.inputEmbeddings.get(index);
                FaceEmbedding output = outputEmbeddings.get(i);
                ModelInput original = prepared.small.get(i);
                reports.add(new FaceReport(prepared.frameIndex, index, boxes.get(i),
                        target == null ? Double.NaN : output.distance(target),
                        output.distance(input),
                        target == null ? Double.NaN : input.distance(target),
                        drift(before, after.get(i)),
                        Sharpness.laplacianVariance(drawn.get(i).face(), original.mask()),
                        Sharpness.laplacianVariance(original.crop(), original.mask())));
            }
            return reports;
        });
    }

    /** Mean landmark displacement in inter-ocular distances, so it reads the same for small and large faces. */
    static double drift(LandmarkSet before, LandmarkSet after) {
        double eyes = Math.hypot(before.leftEye().x() - before.rightEye().x(), before.leftEye().y() - before.rightEye().y());
        double sum = 0;
        for (int i = 0; i < 68; i++) {
            LandmarkSet.Point a = before.points().get(i);
            LandmarkSet.Point b = after.points().get(i);
            sum += Math.hypot(a.x() - b.x(), a.y() - b.y());
        }
        return sum / 68 / Math.max(1, eyes);
    }

    private static FaceBatch batch(List<ModelInput> faces) {
        int size = faces.get(0).crop().getWidth();
        int plane = 3 * size * size;
        float[] pixels = new float[faces.size() * plane];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(PlanarImage.rgb(faces.get(i).crop()).values(), 0, pixels, i * plane, plane);
        }
        return new FaceBatch(faces.size(), size, pixels);
    }

    private static BufferedImage tile(FaceBatch batch, int index) {
        int plane = 3 * batch.size() * batch.size();
        float[] values = new float[plane];
        System.arraycopy(batch.pixels(), index * plane, values, 0, plane);
        return new PlanarImage(3, batch.size(), values).toRgb();
    }
}
