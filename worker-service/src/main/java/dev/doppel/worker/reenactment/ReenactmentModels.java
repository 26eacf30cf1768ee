package dev.doppel.worker.reenactment;

import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainingRecipe;
import dev.doppel.pipeline.reenact.Pix2PixOptions;
import dev.doppel.pipeline.reenact.Pix2PixTraining;
import dev.doppel.pipeline.reenact.SameDiffPix2PixModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reenactment family on this worker: pix2pix and pix2pixHD on SameDiff, and their training recipe. */
@Configuration(proxyBeanMethods = false)
class ReenactmentModels {

    @Bean
    ModelImplementation pix2pixOnSameDiff() {
        return SameDiffPix2PixModel.implementation(Pix2PixOptions.PIX2PIX);
    }

    @Bean
    ModelImplementation pix2pixHdOnSameDiff() {
        return SameDiffPix2PixModel.implementation(Pix2PixOptions.PIX2PIX_HD);
    }

    @Bean
    TrainingRecipe reenactmentTraining() {
        return new Pix2PixTraining();
    }
}
