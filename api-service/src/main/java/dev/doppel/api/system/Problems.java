package dev.doppel.api.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem types an endpoint answers besides those every endpoint may give (see
 * {@link ProblemTypes#EVERY_ENDPOINT}); the API description lists each under its status.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Problems {

    /** Problem types, as in {@code /problems/<type>}. */
    String[] value();
}
