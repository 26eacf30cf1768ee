package dev.doppel.pipeline.animate;

import java.awt.image.BufferedImage;

import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.FacePaste;
import dev.doppel.pipeline.convert.FacePatch;
import dev.doppel.pipeline.convert.FrameSwapper;
import dev.doppel.pipeline.drive.NeutralFace;
import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceAligner;
import dev.doppel.pipeline.face.FaceMask;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.image.PlanarImage;
import dev.doppel.pipeline.image.Resize;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.motion.Keypoints;
import dev.doppel.pipeline.motion.MotionModel;
import dev.doppel.pipeline.reenact.MotionTransfer;

/**
 * Animation by a trained motion model: the photo's face and the driver's are aligned as the model's
 * training faces were (so what it sees move is the expression and the head's turn, not its place in
 * the frame), the model redraws the photo's face at the driver's keypoints moved by the relative
 * rule ({@link KeypointMotion}), and the face is blended back into the photo under its mask and the
 * mask of its landmarks moved the same way, so an opening jaw is pasted whole.
 */
public final class LearnedMotion implements PhotoAnimation.Method {

    private final MotionModel model;
    private final AlignmentOptions alignment;

    /** @param coverage the crop the model's faces were extracted with */
    public LearnedMotion(MotionModel model, Coverage coverage) {
        this.model = model;
        this.alignment = new AlignmentOptions(FrameSwapper.ALIGN_SIZE, coverage);
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public PhotoAnimation.Animator open(RgbImage photo, LocatedFace face, NeutralFace neutral) {
        AlignedFace still = FaceAligner.align(photo, face.landmarks(), alignment);
        FaceBatch source = batch(still.crop());
        Keypoints sourceKeypoints = model.keypoints(source);
        AlignedFace neutralFace = FaceAligner.align(neutral.frame(), neutral.landmarks(), alignment);
        Keypoints neutralKeypoints = model.keypoints(batch(neutralFace.crop()));
        return (frame, driver) -> {
            AlignedFace driving = FaceAligner.align(frame, driver, alignment);
            Keypoints moved = KeypointMotion.relative(sourceKeypoints, model.keypoints(batch(driving.crop())), neutralKeypoints);
            BufferedImage drawn = new PlanarImage(3, model.resolution(), model.animate(source, sourceKeypoints, moved).pixels()).toRgb();
            LandmarkSet movedLandmarks = MotionTransfer.relative(still.landmarksInCrop(), driving.landmarksInCrop(),
                    neutralFace.landmarksInCrop());
            AlignedFace under = new AlignedFace(still.crop(), FaceMask.union(still.mask(), FaceMask.of(movedLandmarks,
                    FrameSwapper.ALIGN_SIZE, FrameSwapper.ALIGN_SIZE)), still.toCrop(), movedLandmarks);
            byte[] out = photo.rgb().clone();
            FacePatch patch = FacePaste.patch(drawn, under, photo.width(), photo.height());
            if (patch != null) {
                BlendMode.FEATHER.blend(patch, out, photo.width(), photo.height(), BlendOptions.DEFAULT);
            }
            return new PhotoAnimation.Animated(new RgbImage(photo.width(), photo.height(), out), face.detection().box());
        };
    }

    private FaceBatch batch(BufferedImage crop) {
        int r = model.resolution();
        return new FaceBatch(1, r, PlanarImage.rgb(Resize.rgb(crop, r)).values());
    }
}
