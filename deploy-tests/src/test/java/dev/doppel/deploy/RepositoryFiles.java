package dev.doppel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The deployment files under test live at the repository root, beside the modules. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("doppel.repository.root", "..")).toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy-tests"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
