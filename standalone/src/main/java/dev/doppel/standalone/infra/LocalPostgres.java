package dev.doppel.standalone.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.sun.security.auth.module.UnixSystem;

/**
 * PostgreSQL 14 from zonky's bundled binaries, keeping its cluster in {@code <dataDir>/postgres}
 * so the data outlives the process.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String DATABASE = "doppel";
    private static final String SUPERUSER = "postgres";
    // zonky's initdb sets up trust authentication; the server listens on localhost only.
    private static final String PASSWORD = "";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** @param port the TCP port, or 0 for a free one */
    public static LocalPostgres start(Path dataDir, int port) throws IOException, SQLException {
        boolean root = isRoot();
        if (root && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and user namespaces"
                    + " (unshare -U) are not available to run it as another user here:"
                    + " run Doppel as a non-root user");
        }
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky passes -F (fsync off), fine for throwaway test databases, not for ours.
                    .setServerConfig("fsync", "on")
                    // The owner stops the server in order, after the application; no racing hook.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            if (root) {
                throw new IllegalStateException("PostgreSQL failed to start as root"
                        + " (under unshare -U); run Doppel as a non-root user", e);
            }
            throw e;
        }
        LocalPostgres postgres = new LocalPostgres(server);
        try {
            postgres.createDatabaseIfMissing();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            if (!databaseExists(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
    }

    private static boolean databaseExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, DATABASE);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
