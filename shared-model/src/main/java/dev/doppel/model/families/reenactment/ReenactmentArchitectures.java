package dev.doppel.model.families.reenactment;

import java.util.List;

import dev.doppel.model.families.ModelArchitecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reenactment (Face2Face through pix2pix): a model learns one person's face from drawings of its
 * landmarks, and a reenact job then draws that person with another video's expressions. One face
 * set, the person to be driven, as role {@code Target} ({@code faceSetTarget}).
 */
@Configuration(proxyBeanMethods = false)
public class ReenactmentArchitectures {

    public static final String FAMILY = "reenactment";
    public static final String ROLE = "Target";
    public static final List<String> REENACTS = List.of("reenact");

    @Bean
    ModelArchitecture pix2pixArchitecture() {
        return new ModelArchitecture("pix2pix", FAMILY,
                "pix2pix: a U-Net draws the person's face from a sketch of its landmarks, against a 70x70 PatchGAN of (sketch, face) pairs;"
                        + " cross-entropy GAN loss and L1 x100",
                List.of(ROLE), List.of("adversarial", "l1", "discriminator"), List.of("samediff"), List.of(128, 64, 256), 2e-4, null,
                REENACTS);
    }

    @Bean
    ModelArchitecture pix2pixHdArchitecture() {
        return new ModelArchitecture("pix2pixhd", FAMILY,
                "pix2pix with pix2pixHD's losses: PatchGANs at two scales (three from 256 px), LSGAN, feature matching x10 and a"
                        + " perceptual loss x10 on the face recognition net's features (in place of VGG's); pix2pix's L1 kept",
                List.of(ROLE), List.of("adversarial", "featureMatching", "perceptual", "l1", "discriminator"), List.of("samediff"), List.of(256, 128), 2e-4,
                null, REENACTS);
    }
}
