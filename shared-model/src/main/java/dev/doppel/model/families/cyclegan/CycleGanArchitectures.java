package dev.doppel.model.families.cyclegan;

import java.util.List;

import dev.doppel.model.families.ModelArchitecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CycleGAN (Zhu et al. 2017, junyanz/pytorch-CycleGAN-and-pix2pix): two generators translate
 * unpaired faces of A and B into each other, held to their own person by the cycle and identity
 * losses and pushed towards the other's look by a PatchGAN discriminator per side.
 */
@Configuration(proxyBeanMethods = false)
public class CycleGanArchitectures {

    public static final String FAMILY = "cyclegan";

    @Bean
    ModelArchitecture cycleGanArchitecture() {
        return new ModelArchitecture("cyclegan", FAMILY,
                "CycleGAN: ResNet generators A to B and B to A, 70x70 PatchGAN discriminators, LSGAN with cycle and identity losses",
                List.of("A", "B"), List.of("adversarialAB", "adversarialBA", "cycleA", "cycleB", "identityA", "identityB",
                        "discriminatorA", "discriminatorB"),
                List.of("samediff"), List.of(64, 128, 256), 2e-4);
    }
}
