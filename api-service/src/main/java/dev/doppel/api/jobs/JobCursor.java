package dev.doppel.api.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.model.jobs.JobQuery;
import org.springframework.http.HttpStatus;

/** Opaque page cursors: the (created_at, id) of the last job a page showed. */
final class JobCursor {

    private JobCursor() {
    }

    static String encode(Instant createdAt, UUID id) {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static JobQuery.Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, colon)));
            return new JobQuery.Position(createdAt, UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor",
                    "The cursor is not one this API issued; start again without it.");
        }
    }
}
