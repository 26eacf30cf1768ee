package dev.doppel.standalone.infra;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 endpoint (s3proxy) keeping buckets as directories and objects as files under
 * {@code <dataDir>/objects}.
 */
public final class LocalObjectStore implements AutoCloseable {

    // Fixed keys suit a store that listens on localhost only.
    private static final String ACCESS_KEY = "doppel";
    private static final String SECRET_KEY = "doppel-secret-key";
    private static final String HOST = "localhost";
    // No graceful drain: the application using the store has stopped before the store does, so
    // the drain would only wait out clients' idle keep-alive connections (30 s by default).
    private static final long STOP_TIMEOUT_MILLIS = 0;

    private final S3Proxy server;

    private LocalObjectStore(S3Proxy server) {
        this.server = server;
    }

    /** @param port the TCP port, or 0 for a free one */
    public static LocalObjectStore start(Path dataDir, int port) throws Exception {
        Path objects = Files.createDirectories(dataDir.resolve("objects"));
        S3Proxy server = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(objects.toAbsolutePath().toString()))
                .endpoint(URI.create("http://" + HOST + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .build();
        try {
            server.start();
        } catch (Exception e) {
            // A half-started Jetty keeps non-daemon threads that would hold the JVM open.
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new LocalObjectStore(server);
    }

    public String endpoint() {
        return "http://" + HOST + ":" + server.getPort();
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
