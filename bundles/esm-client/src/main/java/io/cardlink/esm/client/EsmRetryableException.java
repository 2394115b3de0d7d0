package io.cardlink.esm.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The call may succeed later: the instance was unreachable, overloaded (429, 5xx) or the connection broke,
 * and the client's own retries are used up.
 */
public class EsmRetryableException extends EsmException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public EsmRetryableException(String problem, int status, String serverMessage, String method, String path,
            Duration retryAfter, Throwable cause) {
        super(problem, status, serverMessage, method, path, cause);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for in its last {@code Retry-After} header, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
