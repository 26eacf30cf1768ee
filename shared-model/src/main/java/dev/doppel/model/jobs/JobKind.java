package dev.doppel.model.jobs;

import java.util.regex.Pattern;

/**
 * What a job does (extract, train, convert, ...). Kinds are not a closed list: each is declared by
 * its job type in the API and its handler in the worker, and the ledger stores the name as text.
 */
public record JobKind(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public JobKind {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a job kind is 1 to 40 lower-case letters, digits or '-', not '" + name + "'");
        }
    }

    public static JobKind of(String name) {
        return new JobKind(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
