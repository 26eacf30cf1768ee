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
     * A new image with the chosen faces swapped; the input is left as it was.
     *
     * @param located faces found in {@code frame}, largest first, landmarks smoothed if the caller tracks them
     * @param measure whether to measure identity and landmark drift of each swap (two more network passes)
     */
    public Result swap(long frameIndex, RgbImage frame, List<LocatedFace> located, boolean measure) {
        if (located.isEmpty()) {
            return new Result(frame, 0, 0, List.of());
        }
        List<FaceEmbedding> inputEmbeddings = needsEmbeddings(measure)
                ? times.time("embed", () -> faces.embedder().embed(frame, located.stream().map(f -> f.landmarks().recognitionCrop()).toList()))
                : null;
        List<Integer> picked = options.selection().pick(located.size(), inputEmbeddings, options.sourceReference(),
                options.maxIdentityDistance());
        if (picked.isEmpty()) {
            return new Result(frame, located.size(), 0, List.of());
        }
        List<AlignedFace> aligned = new ArrayList<>();
        List<ModelInput> small = new ArrayList<>();
        times.time("align", () -> {
            for (int index : picked) {
                AlignedFace face = FaceAligner.align(frame, located.get(index).landmarks(), new AlignmentOptions(ALIGN_SIZE, options.coverage()));
                aligned.add(face);
                small.add(new ModelInput(Resize.rgb(face.crop(), model.resolution()), Resize.grey(face.mask(), model.resolution())));
            }
            return null;
        });
        TranslatedFaces drawn = times.time("swap", () -> mask == MaskSource.LANDMARKS
                ? new TranslatedFaces(model.translate(batch(small), options.target()), null)
                : model.translateWithMasks(batch(small), options.target()));
        FaceBatch swapped = drawn.faces();
        byte[] out = frame.rgb().clone();
        times.time("blend", () -> {
            for (int i = 0; i < picked.size(); i++) {
                BufferedImage newFace = tile(swapped, i);
                ModelInput original = small.get(i);
                AlignedFace face = aligned.get(i);
                BufferedImage colourMask = original.mask();
                if (mask != MaskSource.LANDMARKS) {
                    face = new AlignedFace(face.crop(), mask.combine(face.mask(), drawn.mask(i), swapped.size()), face.toCrop(),
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
        List<FaceReport> reports = measure ? measure(frameIndex, result, located, picked, inputEmbeddings, swapped, small) : List.of();
        return new Result(result, located.size(), picked.size(), reports);
    }

    private boolean needsEmbeddings(boolean measure) {
        return measure || options.selection() == FaceSelection.REFERENCE;
    }

    private List<FaceReport> measure(long frameIndex, RgbImage result, List<LocatedFace> located, List<Integer> picked,
            List<FaceEmbedding> inputEmbeddings, FaceBatch swapped, List<ModelInput> inputs) {
        return times.time("measure", () -> {
            List<FaceBox> boxes = picked.stream().map(i -> located.get(i).detection().box()).toList();
            List<LandmarkSet> after = faces.landmarks().landmarks(result, boxes);
            List<FaceEmbedding> outputEmbeddings = faces.embedder().embed(result, after.stream().map(LandmarkSet::recognitionCrop).toList());
            FaceEmbedding target = options.targetIdentity();
            List<FaceReport> reports = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                int index = picked.get(i);
                LandmarkSet before = located.get(index).landmarks();
                FaceEmbedding input = inputEmbeddings.get(index);
                FaceEmbedding output = outputEmbeddings.get(i);
                reports.add(new FaceReport(frameIndex, index, boxes.get(i),
                        target == null ? Double.NaN : output.distance(target),
                        output.distance(input),
                        target == null ? Double.NaN : input.distance(target),
                        drift(before, after.get(i)),
                        Sharpness.laplacianVariance(tile(swapped, i), inputs.get(i).mask()),
                        Sharpness.laplacianVariance(inputs.get(i).crop(), inputs.get(i).mask())));
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
