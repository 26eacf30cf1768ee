package dev.doppel.pipeline.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Looks up an enum constant by its lower-case name, as job options spell them. */
final class Names {

    private Names() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String name) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(name)) {
                return constant;
            }
        }
        String valid = Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of " + valid);
    }
}
