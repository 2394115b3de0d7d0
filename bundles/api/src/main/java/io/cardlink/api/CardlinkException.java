package io.cardlink.api;

/**
 * Base of every Cardlink failure. {@link #retryable()} tells a caller whether the same call may succeed later
 * (a remote that is down, a store that is restarting) or will fail again until something is changed.
 */
public abstract class CardlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CardlinkException(String message) {
        super(message);
    }

    protected CardlinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract boolean retryable();

    /** What kind of problem this is; {@link FailureKind#OTHER} unless the failure knows better. */
    public FailureKind kind() {
        return FailureKind.OTHER;
    }
}
