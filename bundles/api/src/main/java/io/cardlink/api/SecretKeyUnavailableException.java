package io.cardlink.api;

/**
 * The key that seals connector secrets is missing or is not the one the stored secrets were sealed with. Nothing
 * that needs a secret works until the operator puts the right key file back; retrying before that can't help, so a
 * queued operation fails at once instead of being retried as if the remote instance were down.
 */
public class SecretKeyUnavailableException extends UnavailableException {
    private static final long serialVersionUID = 1L;

    public SecretKeyUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
