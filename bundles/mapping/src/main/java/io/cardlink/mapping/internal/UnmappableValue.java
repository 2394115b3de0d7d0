package io.cardlink.mapping.internal;

/** A value that does not convert to its target attribute; the message is the reason reported for the card. */
final class UnmappableValue extends Exception {
    private static final long serialVersionUID = 1L;

    UnmappableValue(String reason) {
        // No stack trace: this is an expected outcome reported per card, not a fault.
        super(reason, null, false, false);
    }
}
