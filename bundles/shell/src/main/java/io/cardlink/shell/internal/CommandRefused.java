package io.cardlink.shell.internal;

/**
 * A command that did nothing, with why, for the person or script that ran it. Karaf prints it as "Error executing
 * command: ..." and ends a batch ({@code bin/client -b}) with exit code 1; a message written to the error stream
 * instead reaches an interactive shell only, and a script would take the refusal for a success.
 */
final class CommandRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandRefused(String message) {
        super(message, null, false, false);
    }
}
