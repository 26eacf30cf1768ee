package dev.doppel.model.families;

import java.util.List;

import dev.doppel.model.families.cyclegan.CycleGanArchitectures;
import dev.doppel.model.families.deepfakes.DeepFakesArchitectures;
import dev.doppel.model.families.motion.MotionArchitectures;
import dev.doppel.model.families.reenactment.ReenactmentArchitectures;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The model families this build knows: registering a family is one entry in the import below. */
@Configuration(proxyBeanMethods = false)
@Import({DeepFakesArchitectures.class, CycleGanArchitectures.class, ReenactmentArchitectures.class, MotionArchitectures.class})
@EnableConfigurationProperties(ModelsProperties.class)
public class ModelFamilies {

    @Bean
    ModelArchitectures modelArchitectures(List<ModelArchitecture> architectures, ModelsProperties properties) {
        return new ModelArchitectures(architectures, properties.preferredEngine());
    }
}
