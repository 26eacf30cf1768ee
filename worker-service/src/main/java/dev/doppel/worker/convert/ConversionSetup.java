package dev.doppel.worker.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.pipeline.convert.BlendMode;
import dev.doppel.pipeline.convert.BlendOptions;
import dev.doppel.pipeline.convert.ColourMatch;
import dev.doppel.pipeline.convert.Conversion;
import dev.doppel.pipeline.convert.FaceSelection;
import dev.doppel.pipeline.convert.MaskSource;
import dev.doppel.pipeline.convert.SwapOptions;
import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceEmbedding;
import dev.doppel.pipeline.family.FaceTranslator;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.worker.faces.FaceNetworks;
import dev.doppel.worker.faces.FaceSetIdentities;
import dev.doppel.worker.models.TrainedModels;
import dev.doppel.worker.models.WorkerModels;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import org.springframework.stereotype.Component;

/**
 * What a convert job and each part of one need before the first frame: the model checked, then
 * loaded with the face networks into a {@link Conversion} with the job's swap settings. The checks
 * come first and cheap, so a long video fails before it is split rather than once in every part.
 */
@Component
class ConversionSetup {

    /** A job's model and swap settings, checked; nothing loaded yet. */
    record Checked(TrainedModels.Model model, String checkpointKey, SwapOptions options) {
    }

    /** A conversion ready to run, with the model and face networks it holds until closed. */
    record Ready(Conversion conversion, TrainableModel model, FaceNetworks.Lease faces) implements AutoCloseable {

        @Override
        public void close() {
            try (faces) {
                model.close();
            }
        }
    }

    private final TrainedModels trainedModels;
    private final FaceSetIdentities identities;
    private final FaceNetworks networks;
    private final WorkerModels models;

    ConversionSetup(TrainedModels trainedModels, FaceSetIdentities identities, FaceNetworks networks, WorkerModels models) {
        this.trainedModels = trainedModels;
        this.identities = identities;
        this.networks = networks;
        this.models = models;
    }

    Checked check(UUID tenant, ConvertParameters parameters) {
        TrainedModels.Model model = trainedModels.require(tenant, parameters.modelId());
        String checkpointKey = TrainedModels.checkpointKey(model, parameters.checkpoint());
        models.implementation(model.architecture(), model.engine());
        UUID source = faceSet(model, parameters.towardsB() ? "A" : "B");
        UUID target = faceSet(model, parameters.towardsB() ? "B" : "A");
        return new Checked(model, checkpointKey, options(parameters, tenant, source, target));
    }

    Ready open(JobContext context, Checked checked, ConvertParameters parameters) throws IOException {
        TrainableModel trained = loadModel(context, checked.model(), checked.checkpointKey());
        FaceNetworks.Lease faces = null;
        try {
            faces = networks.borrow();
            context.metric("modelIteration", trained.iteration());
            FaceTranslator translator = (FaceTranslator) trained;
            if (parameters.usesPredictedMask() && !translator.predictsMasks()) {
                throw new JobFailure("model-draws-no-mask", "Model " + parameters.modelId() + " draws no mask; convert with mask 'landmarks'.");
            }
            SwapOptions options = checked.options();
            context.metric("mask", (options.mask() == null ? MaskSource.bestFor(translator.predictsMasks()) : options.mask())
                    .name().toLowerCase(Locale.ROOT));
            Conversion conversion = new Conversion(faces.models(), translator, options, parameters.watermark(),
                    new Conversion.VideoSettings(Conversion.VideoSettings.DEFAULT.batchFrames(), parameters.detectEvery()));
            return new Ready(conversion, trained, faces);
        } catch (RuntimeException e) {
            if (faces != null) {
                faces.close();
            }
            trained.close();
            throw e;
        }
    }

    static VideoRewrite.Encoding encoding(ConvertParameters parameters) {
        return new VideoRewrite.Encoding(parameters.crf(), VideoRewrite.Encoding.DEFAULT.preset());
    }

    static Provenance provenance(ConvertParameters parameters) {
        return new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                "AI-generated face swap: faces replaced by Doppel model " + parameters.modelId() + " (" + parameters.direction()
                        + "). Not an untouched original.");
    }

    private SwapOptions options(ConvertParameters parameters, UUID tenant, UUID source, UUID target) {
        Coverage coverage = identities.coverage(tenant, source).or(() -> identities.coverage(tenant, target))
                .map(Coverage::valueOf).orElse(Coverage.WHOLE_FACE);
        FaceSelection selection = FaceSelection.parse(parameters.faces());
        FaceEmbedding reference = identities.referenceEmbedding(tenant, source).or(() -> identities.meanEmbedding(tenant, source))
                .orElse(null);
        if (selection == FaceSelection.REFERENCE && reference == null) {
            throw new JobFailure("no-reference-face", "faces=reference swaps the faces that look like face set " + source
                    + ", but it has no extracted faces; extract it or choose faces=all or largest.");
        }
        return new SwapOptions(parameters.towardsB() ? "B" : "A", coverage, ColourMatch.parse(parameters.colourMatch()),
                BlendMode.parse(parameters.blend()), new BlendOptions(parameters.erosion(), parameters.feather()), selection, reference,
                parameters.maxIdentityDistance(), identities.meanEmbedding(tenant, target).orElse(null),
                parameters.mask() == null ? null : MaskSource.parse(parameters.mask()));
    }

    /** A model that redraws faces (a {@link FaceTranslator}); any other kind of model cannot convert. */
    private static UUID faceSet(TrainedModels.Model model, String role) {
        UUID id = model.faceSets().get(role);
        if (id == null) {
            throw new JobFailure("model-cannot-convert", "This model has no face set in role " + role + "; it learned " + model.faceSets().keySet() + ".");
        }
        return id;
    }

    private TrainableModel loadModel(JobContext context, TrainedModels.Model model, String checkpointKey) throws IOException {
        Path folder = TrainedModels.unpacked(context, checkpointKey, "model");
        TrainableModel loaded = models.load(folder, model.architecture(), model.engine());
        if (loaded instanceof FaceTranslator) {
            return loaded;
        }
        loaded.close();
        throw new JobFailure("model-cannot-convert", "Models of architecture '" + model.architecture()
                + "' do not redraw faces, so they cannot convert photos or videos.");
    }
}
