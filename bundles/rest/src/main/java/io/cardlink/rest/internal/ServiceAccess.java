package io.cardlink.rest.internal;

import io.cardlink.api.UnavailableException;
import java.util.function.Supplier;

/** The current instance of a service that may come and go; its absence is a 503 with a message, not a hang. */
final class ServiceAccess<S> {
    private final Supplier<S> current;
    private final String whenMissing;

    ServiceAccess(Supplier<S> current, String whenMissing) {
        this.current = current;
        this.whenMissing = whenMissing;
    }

    S get() {
        S service = current.get();
        if (service == null) {
            throw new UnavailableException(whenMissing);
        }
        return service;
    }

    S orNull() {
        return current.get();
    }
}
