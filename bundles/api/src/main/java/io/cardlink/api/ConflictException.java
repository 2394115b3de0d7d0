package io.cardlink.api;

/** The request clashes with what exists: a duplicate name, a thing still in use, a missing confirmation. */
public class ConflictException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
