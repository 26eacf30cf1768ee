package dev.doppel.model.families.motion;

import java.util.List;

import dev.doppel.model.families.ModelArchitecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Motion (the first-order motion model): a model learns, from videos of faces, to find keypoints
 * and move one picture of a face as another face moves; an animate job then makes a photo move as a
 * driving video does. One face set of videos, as role {@code Videos} ({@code faceSetVideos}): source
 * and driving frames come from the same clip, so it learns without labels.
 */
@Configuration(proxyBeanMethods = false)
public class MotionArchitectures {

    public static final String FAMILY = "motion";
    public static final String ROLE = "Videos";
    public static final List<String> ANIMATES = List.of("animate");

    @Bean
    ModelArchitecture fommArchitecture() {
        return new ModelArchitecture("fomm", FAMILY,
                "First-order motion model: 10 keypoints with local affine Jacobians, a dense-motion network with an occlusion map and a"
                        + " generator that warps the source's features; self-supervised on pairs of frames of one clip, an L1 and DSSIM pyramid"
                        + " reconstruction loss and an equivariance loss under random thin-plate warps",
                List.of(ROLE), List.of("reconstruction", "equivarianceValue", "equivarianceJacobian"), List.of("samediff"), List.of(64, 128, 256), 2e-4, null, ANIMATES);
    }
}
