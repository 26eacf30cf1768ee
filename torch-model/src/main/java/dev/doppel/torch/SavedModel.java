package dev.doppel.torch;

import dev.doppel.pipeline.swap.SwapModelOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The files of a saved {@link TorchSwapModel}: a header with the options and iteration, DJL's
 * parameter encoding for the weights, and Adam's moments in DJL's array encoding.
 */
final class SavedModel {

    static final String FORMAT = "doppel-original-torch/2";
    /** Format 1 padded its stride-2 convolutions symmetrically: its weights fit a different network. */
    private static final String SYMMETRIC_PADDING = "doppel-original-torch/1";

    record Header(SwapModelOptions options, long iteration) {
    }

    private SavedModel() {
    }

    static Path header(Path directory) {
        return directory.resolve("model.properties");
    }

    static Path weights(Path directory) {
        return directory.resolve("weights.params");
    }

    static Path optimiser(Path directory) {
        return directory.resolve("adam.state");
    }

    static void writeHeader(Path directory, Header header) throws IOException {
        SwapModelOptions o = header.options();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("resolution", Integer.toString(o.resolution()));
        p.setProperty("widthScale", Double.toString(o.widthScale()));
        p.setProperty("learningRate", Double.toString(o.learningRate()));
        p.setProperty("seed", Long.toString(o.seed()));
        p.setProperty("iteration", Long.toString(header.iteration()));
        try (Writer out = Files.newBufferedWriter(header(directory))) {
            p.store(out, "faceswap Original on PyTorch (DJL)");
        }
    }

    static Header readHeader(Path directory) throws IOException {
        Path file = header(directory);
        if (!Files.exists(file)) {
            throw new IOException("no saved model in " + directory + " (" + file.getFileName() + " missing)");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        if (SYMMETRIC_PADDING.equals(p.getProperty("format"))) {
            throw new IOException("model in " + directory + " was trained by an earlier build whose convolutions padded differently"
                    + " from faceswap's; train it again");
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException("unknown model format " + p.getProperty("format") + " in " + file);
        }
        SwapModelOptions options = new SwapModelOptions(
                Integer.parseInt(p.getProperty("resolution")),
                Double.parseDouble(p.getProperty("widthScale")),
                Double.parseDouble(p.getProperty("learningRate")),
                Long.parseLong(p.getProperty("seed")));
        return new Header(options, Long.parseLong(p.getProperty("iteration")));
    }
}
