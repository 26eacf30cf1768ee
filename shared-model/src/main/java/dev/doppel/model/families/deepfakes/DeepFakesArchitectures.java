package dev.doppel.model.families.deepfakes;

import java.util.List;

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
}
