package dev.doppel.standalone;

import java.nio.file.Path;

/**
 * Where the standalone keeps its data and which local ports its embedded servers take. Read from
 * environment variables (DOPPEL_DATA_DIR, DOPPEL_POSTGRES_PORT, DOPPEL_AMQP_PORT, DOPPEL_S3_PORT)
 * before Spring starts, because the servers must run before the application context exists.
 */
record StandaloneSettings(Path dataDir, int postgresPort, int amqpPort, int s3Port) {

    static StandaloneSettings fromEnvironment() {
        return new StandaloneSettings(
                Path.of(env("DOPPEL_DATA_DIR", "data")).toAbsolutePath(),
                Integer.parseInt(env("DOPPEL_POSTGRES_PORT", "54329")),
                Integer.parseInt(env("DOPPEL_AMQP_PORT", "56729")),
                Integer.parseInt(env("DOPPEL_S3_PORT", "59009")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
