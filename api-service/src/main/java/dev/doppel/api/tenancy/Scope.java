package dev.doppel.api.tenancy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a key may do: read (GET), submit (everything else), admin (its tenant's keys; the operator's also tenants). */
@Schema(enumAsRef = true, description = "What a key may do: read (GET), submit (everything else), admin (keys, and tenants for the operator)")
public enum Scope {
    READ, SUBMIT, ADMIN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the valid scopes */
    public static Scope parse(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Scope must be one of " + Arrays.stream(values()).map(Scope::label)
                        .collect(Collectors.joining(", ")) + ", not '" + label + "'."));
    }
}
