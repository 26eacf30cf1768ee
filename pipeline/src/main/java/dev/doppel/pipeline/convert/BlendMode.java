package dev.doppel.pipeline.convert;

/** How a swapped face goes into its frame: an alpha blend with a soft edge, or a Poisson clone. */
public enum BlendMode {
    /** Erode the mask, blur it, alpha-composite: faceswap's mask blend. */
    FEATHER {
        @Override
        void paste(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options) {
            FeatherBlend.blend(patch, frame, frameWidth, frameHeight, options);
        }
    },
    /**
     * Pérez, Gangnet and Blake, "Poisson Image Editing" (2003), as OpenCV's seamlessClone with
     * NORMAL_CLONE: the face keeps its gradients and takes the frame's colours at its edge. The
     * erosion shrinks the cloned region; the feather is unused, as the solve itself joins the edge.
     */
    SEAMLESS {
        @Override
        void paste(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options) {
            SeamlessClone.blend(patch, frame, frameWidth, frameHeight, options);
        }
    };

    /**
     * Writes the patch into {@code frame} in place: width x height x 3 interleaved RGB bytes, as
     * {@link dev.doppel.pipeline.face.RgbImage#rgb()}. Pixels whose blend weight is 0 stay byte for
     * byte as they were; the part of the patch outside the frame is clipped.
     */
    public void blend(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options) {
        if (frameWidth <= 0 || frameHeight <= 0 || frame.length != frameWidth * frameHeight * 3) {
            throw new IllegalArgumentException("expected " + frameWidth + " x " + frameHeight + " x 3 bytes, got " + frame.length);
        }
        paste(patch, frame, frameWidth, frameHeight, options);
    }

    /** Parses "feather" or "seamless", in any case. */
    public static BlendMode parse(String name) {
        return Names.parse(BlendMode.class, "blend mode", name);
    }

    abstract void paste(FacePatch patch, byte[] frame, int frameWidth, int frameHeight, BlendOptions options);
}
