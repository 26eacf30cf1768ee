package dev.doppel.model.jobs;

import java.util.Locale;

/** The stages a client can submit; each has its own queue so workers can scale per kind. */
public enum JobKind {
    EXTRACT,
    TRAIN,
    CONVERT;

    public String routingKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind parse(String value) {
        for (JobKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown job kind '" + value + "'");
    }
}
