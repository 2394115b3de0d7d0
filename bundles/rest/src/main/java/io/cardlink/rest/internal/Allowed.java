package io.cardlink.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles besides {@link Role#ADMIN} that may call a resource method (on a method, or on its class for all its
 * methods). Without it a GET is open to {@link Role#VIEWER} and any other method to admins only, so that a new
 * state-changing method is closed until someone opens it on purpose.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    Role[] value();
}
