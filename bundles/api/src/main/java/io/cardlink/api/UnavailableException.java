package io.cardlink.api;

/** A part that the call needs is not there right now (stopped, restarting, unreachable): try again later. */
public class UnavailableException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
