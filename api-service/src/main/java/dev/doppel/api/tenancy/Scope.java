package dev.doppel.api.tenancy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
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

    /** The scopes named, in declaration order, unmodifiable: how every caller and key holds them. */
    public static Set<Scope> setOf(Collection<String> labels) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        labels.forEach(label -> scopes.add(parse(label)));
        return Collections.unmodifiableSet(scopes);
    }

    public static Set<Scope> normalised(Set<Scope> scopes) {
        return Collections.unmodifiableSet(scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes));
    }

    /** @throws IllegalArgumentException naming the valid scopes */
    public static Scope parse(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Scope must be one of " + Arrays.stream(values()).map(Scope::label)
                        .collect(Collectors.joining(", ")) + ", not '" + label + "'."));
    }
}
