package dev.doppel.model.families.deepfakes;

import java.util.List;

import dev.doppel.model.families.ArchitectureOption;
import dev.doppel.model.families.ModelArchitecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DeepFakes family: a shared encoder and a decoder per person, trained on two face sets. */
@Configuration(proxyBeanMethods = false)
public class DeepFakesArchitectures {

    public static final String FAMILY = "deepfakes";
    private static final List<String> RECONSTRUCTION = List.of("reconstructionA", "reconstructionB");

    @Bean
    ModelArchitecture originalArchitecture() {
        return new ModelArchitecture("original", FAMILY,
                "faceswap's Original: shared encoder, one decoder per person, pixel-shuffle upscales (82 M parameters at 64 px)",
                List.of("A", "B"), RECONSTRUCTION, List.of("samediff", "pytorch"), List.of(64, 128),
                5e-5, new ModelArchitecture.GanRefinement(List.of("samediff"),
                        List.of("generatorA", "generatorB", "discriminatorA", "discriminatorB")),
                ModelArchitecture.CONVERTS, List.of(), new ModelArchitecture.FineTuning(List.of("samediff")), false);
    }

    /**
     * DeepFaceLab's SAEHD: its options are DFL's own names and defaults (archi liae-ud, ae_dims 256,
     * e_dims 64, d_dims 64, d_mask_dims d_dims / 3 rounded up to even; odd widths are rounded up, as DFL), each decoder also draws the face's mask, and its
     * resolutions are multiples of 32 (the {@code -d} design halves the dense layer's side).
     */
    @Bean
    ModelArchitecture saehdArchitecture() {
        return new ModelArchitecture("saehd", FAMILY,
                "DeepFaceLab's SAEHD: DF (shared encoder and inter, a decoder per person) or LIAE (shared encoder and decoder, an inter"
                        + " for B's look and one shared), residual decoders that also draw the face's mask; DSSIM + MSE on the masked face,"
                        + " eyes and mouth first, 10 x MSE on the mask",
                List.of("A", "B"), List.of("reconstructionA", "reconstructionB", "maskA", "maskB"), List.of("samediff"),
                List.of(128, 64, 96, 160, 192, 224, 256), 5e-5, null, ModelArchitecture.CONVERTS,
                List.of(ArchitectureOption.choice("design", "DF keeps more of B's identity; LIAE copes with face shapes that differ more."
                                + " -u: pixel-normalised code, likeness; -d: the decoder doubles the resolution at the same cost",
                                List.of("liae-ud", "liae", "liae-u", "liae-d", "df", "df-u", "df-d", "df-ud")),
                        ArchitectureOption.number("aeDims", "width of the code between encoder and decoder: more keeps more of the face",
                                32, 1024, 256),
                        ArchitectureOption.number("eDims", "encoder width", 16, 256, 64),
                        ArchitectureOption.number("dDims", "decoder width", 16, 256, 64),
                        ArchitectureOption.derived("dMaskDims", "width of the decoder's mask branch; by default dDims / 3, rounded up"
                                + " to even (22 for 64), as DeepFaceLab", 16, 256)),
                new ModelArchitecture.FineTuning(List.of("samediff")), true);
    }
}
