package io.cardlink.api;

/** The named thing does not exist. */
public class NotFoundException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
