package io.cardlink.api.service;

import java.util.Locale;
import java.util.Optional;

/** Which of a connector's two instances a request is about. */
public enum InstanceSide {
    /** The instance the connector points at. */
    REMOTE,
    /** The customer's own instance. */
    LOCAL;

    /** The side named {@code remote} or {@code local} (any case); empty for anything else. */
    public static Optional<InstanceSide> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
