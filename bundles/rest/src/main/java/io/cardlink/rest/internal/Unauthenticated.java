package io.cardlink.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that anyone may call without credentials: only the sign-in, which checks the credentials it is
 * given itself. {@link BasicAuthFilter} lets its requests through and {@link AccessFilter} does not ask for a role.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Unauthenticated {
}
