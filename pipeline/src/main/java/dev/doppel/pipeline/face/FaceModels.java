package dev.doppel.pipeline.face;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.doppel.pipeline.nn.FaceLandmark68Net;
import dev.doppel.pipeline.nn.FaceRecognitionNet;
import dev.doppel.pipeline.nn.TfjsWeights;
import dev.doppel.pipeline.nn.SsdMobileNetV1;

/**
 * The three pretrained networks extraction runs: face-api's SSD detector, 68-point landmarks and
 * dlib's recognition net. Their weights ship in this module's jar under {@code face-api/model/}.
 */
public final class FaceModels implements AutoCloseable {

    static final String CLASSPATH_DIR = "face-api/model/";
    private static final List<String> MODELS = List.of(SsdMobileNetV1.MODEL, FaceLandmark68Net.MODEL, FaceRecognitionNet.MODEL);

    private FaceDetector detector;
    private LandmarkModel landmarks;
    private FaceEmbedder embedder;

    private FaceModels(FaceDetector detector, LandmarkModel landmarks, FaceEmbedder embedder) {
        this.detector = detector;
        this.landmarks = landmarks;
        this.embedder = embedder;
    }

    /** Loads the networks from a face-api {@code model/} folder. */
    public static FaceModels load(Path modelDir) throws IOException {
        return new FaceModels(SsdFaceDetector.load(modelDir), Landmark68Model.load(modelDir), DlibFaceEmbedder.load(modelDir));
    }

    /**
     * Copies the packaged weights into cacheDir (once: a file already there with the packaged size
     * is kept) and loads them. TfjsWeights reads files, and a jar entry is not one.
     */
    public static FaceModels fromClasspath(Path cacheDir) throws IOException {
        Files.createDirectories(cacheDir);
        for (String model : MODELS) {
            String manifest = model + "-weights_manifest.json";
            Path manifestFile = cached(manifest, cacheDir);
            for (String shard : shards(manifestFile)) {
                cached(shard, cacheDir);
            }
        }
        return load(cacheDir);
    }

    /** One packaged network's weights, copied into cacheDir as {@link #fromClasspath} does. */
    public static TfjsWeights packagedWeights(String model, Path cacheDir) throws IOException {
        Files.createDirectories(cacheDir);
        for (String shard : shards(cached(model + "-weights_manifest.json", cacheDir))) {
            cached(shard, cacheDir);
        }
        return TfjsWeights.load(cacheDir, model);
    }

    public FaceDetector detector() {
        return open(detector);
    }

    public LandmarkModel landmarks() {
        return open(landmarks);
    }

    public FaceEmbedder embedder() {
        return open(embedder);
    }

    /**
     * ND4J frees the weights' off-heap buffers when the graphs become unreachable; dropping them
     * here lets that happen while the holder lives on, and makes later use fail loudly.
     */
    @Override
    public void close() {
        detector = null;
        landmarks = null;
        embedder = null;
    }

    private static <T> T open(T network) {
        if (network == null) {
            throw new IllegalStateException("face models are closed");
        }
        return network;
    }

    private static List<String> shards(Path manifest) throws IOException {
        List<String> shards = new ArrayList<>();
        for (JsonNode group : new ObjectMapper().readTree(manifest.toFile())) {
            group.get("paths").forEach(path -> shards.add(path.asText()));
        }
        return shards;
    }

    // Written to a temporary file and moved into place, so a reader never sees half a file and two
    // processes sharing a cache may both copy without harm.
    private static Path cached(String name, Path cacheDir) throws IOException {
        URL resource = FaceModels.class.getClassLoader().getResource(CLASSPATH_DIR + name);
        if (resource == null) {
            throw new IOException("face model file missing from the classpath: " + CLASSPATH_DIR + name);
        }
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        Path target = cacheDir.resolve(name);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            connection.getInputStream().close();
            return target;
        }
        Path partial = Files.createTempFile(cacheDir, name, ".part");
        try (InputStream in = connection.getInputStream()) {
            long copied = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (size >= 0 && copied != size) {
                throw new IOException(name + ": copied " + copied + " bytes of " + size);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
