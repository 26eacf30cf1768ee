package dev.doppel.pipeline.saehd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.doppel.pipeline.family.ModelSettings;

/**
 * How a SAEHD model is built, DeepFaceLab's options in Doppel's words. DFL's 't' (a deeper encoder)
 * and 'c' (cosine activations) archi options are left out.
 *
 * @param resolution   64 to 256 px, a multiple of 32 (the 'd' decoder halves the lowest dense resolution, res / 32)
 * @param design       DF (one inter, a decoder per person) or LIAE (two inters, one decoder)
 * @param u            pixel-normalises the flattened encoder output along its features ("-u": more likeness)
 * @param d            the decoder doubles its resolution at its output ("-d": four 3x3 convs to a 2x2 depth-to-space)
 * @param aeDims       the inters' bottleneck width (DFL's ae_dims)
 * @param eDims        the encoder's first width, doubling per downscale to 8x (DFL's e_dims)
 * @param dDims        the decoder's last width, from 8x at its first upscale (DFL's d_dims)
 * @param dMaskDims    the same for the decoder's mask branch (DFL's d_mask_dims)
 * @param widthScale   multiplies the four widths, each kept even and at least 2 (1.0 is DFL's size)
 * @param learningRate AdaBelief's step size; DFL's is 5e-5
 * @param seed         initial weights, for reproducible runs
 */
public record SaehdOptions(int resolution, Design design, boolean u, boolean d, int aeDims, int eDims, int dDims, int dMaskDims,
                           double widthScale, double learningRate, long seed) {

    public static final String DEFAULT_DESIGN = "liae-ud";
    public static final int DEFAULT_AE_DIMS = 256;
    public static final int DEFAULT_E_DIMS = 64;
    public static final int DEFAULT_D_DIMS = 64;

    public enum Design {
        DF, LIAE
    }

    public SaehdOptions {
        if (resolution < 64 || resolution > 256 || resolution % 32 != 0) {
            throw new IllegalArgumentException("resolution must be a multiple of 32 from 64 to 256, not " + resolution);
        }
        if (design == null) {
            throw new IllegalArgumentException("design must be df or liae");
        }
        if (aeDims < 1) {
            throw new IllegalArgumentException("aeDims must be positive, not " + aeDims);
        }
        requireEven("eDims", eDims);
        requireEven("dDims", dDims);
        requireEven("dMaskDims", dMaskDims);
        if (!(widthScale > 0 && widthScale <= 2)) {
            throw new IllegalArgumentException("widthScale must be in (0, 2], not " + widthScale);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive, not " + learningRate);
        }
    }

    /** The options a train job's settings name: {@code design} as DFL's archi string ({@code df}, {@code liae-ud}, ...) and the dims. */
    public static SaehdOptions of(ModelSettings settings) {
        String archi = settings.option("design", DEFAULT_DESIGN).toLowerCase(Locale.ROOT);
        String[] split = archi.split("-", -1);
        if (split.length > 2 || (split.length == 2 && split[1].isEmpty())) {
            throw new IllegalArgumentException("design must be df or liae with optional -u, -d or -ud, not " + archi);
        }
        Design design = switch (split[0]) {
            case "df" -> Design.DF;
            case "liae" -> Design.LIAE;
            default -> throw new IllegalArgumentException("design must be df or liae, not " + split[0]);
        };
        String flags = split.length == 2 ? split[1] : "";
        for (char flag : flags.toCharArray()) {
            if (flag != 'u' && flag != 'd') {
                throw new IllegalArgumentException("design option '" + flag + "' is not supported: only u and d");
            }
            if (flags.indexOf(flag) != flags.lastIndexOf(flag)) {
                throw new IllegalArgumentException("design option '" + flag + "' is given twice in " + archi);
            }
        }
        // DFL rounds odd widths up (e_dims + e_dims % 2): the encoder's and decoders' channels split in halves.
        int dDims = even(settings.option("dDims", DEFAULT_D_DIMS));
        return new SaehdOptions(settings.resolution(), design, flags.indexOf('u') >= 0, flags.indexOf('d') >= 0,
                settings.option("aeDims", DEFAULT_AE_DIMS), even(settings.option("eDims", DEFAULT_E_DIMS)), dDims,
                even(settings.option("dMaskDims", maskDimsFor(dDims))), settings.widthScale(), settings.learningRate(), settings.seed());
    }

    private static int even(int dims) {
        return dims + dims % 2;
    }

    /** DFL's default mask width: a third of the decoder's, rounded up to even (22 for 64). */
    static int maskDimsFor(int dDims) {
        int third = dDims / 3;
        return Math.max(2, third + third % 2);
    }

    /** DFL's archi string: {@code liae-ud}, {@code df}, ... */
    public String archi() {
        String flags = (u ? "u" : "") + (d ? "d" : "");
        return design.name().toLowerCase(Locale.ROOT) + (flags.isEmpty() ? "" : "-" + flags);
    }

    /** {@code dims} at this width scale, even, at least 2. */
    int scaled(int dims) {
        return (int) Math.max(2, 2 * Math.round(dims * widthScale / 2));
    }

    /** How {@code other} is built differently, in words; empty where a model of one can take the other's weights. */
    List<String> differencesFrom(SaehdOptions other) {
        List<String> differences = new ArrayList<>();
        differ(differences, "resolution", resolution, other.resolution);
        differ(differences, "design", archi(), other.archi());
        differ(differences, "aeDims", aeDims, other.aeDims);
        differ(differences, "eDims", eDims, other.eDims);
        differ(differences, "dDims", dDims, other.dDims);
        differ(differences, "dMaskDims", dMaskDims, other.dMaskDims);
        differ(differences, "widthScale", widthScale, other.widthScale);
        return differences;
    }

    private static void differ(List<String> differences, String name, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            differences.add(name + " " + theirs + " instead of " + mine);
        }
    }

    private static void requireEven(String name, int dims) {
        if (dims < 2 || dims % 2 != 0) {
            throw new IllegalArgumentException(name + " must be even and at least 2 (DFL keeps it even), not " + dims);
        }
    }
}
