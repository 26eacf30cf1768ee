package dev.doppel.model.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.doppel.model.jobs.JobRoute;

/**
 * The wire message: only "try to claim job X". Everything else is read from the ledger, so a
 * message cannot smuggle parameters or object keys past the API.
 */
public record JobMessage(UUID jobId, JobRoute route) {

    // Mirrors the json_build_object('jobId', id, 'route', route) that the ledger's outbox writes.
    private static final Pattern SHAPE = Pattern.compile(
            "\\{\\s*\"jobId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"\\s*,\\s*\"route\"\\s*:\\s*\"([a-z][a-z0-9.-]{0,79})\"\\s*}");

    public static JobMessage parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a job message: " + abbreviate(text));
        }
        return new JobMessage(UUID.fromString(matcher.group(1)), JobRoute.parse(matcher.group(2)));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
