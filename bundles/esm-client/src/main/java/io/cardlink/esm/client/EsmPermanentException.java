package io.cardlink.esm.client;

import io.cardlink.api.FailureKind;
import java.util.List;

/**
 * The instance refused the call (400, 403, 404, 409, 413, ...) and repeating it unchanged will fail again.
 * {@link #fieldErrors()} lists the per-attribute errors the server reported, if any.
 */
public class EsmPermanentException extends EsmException {
    private static final long serialVersionUID = 1L;

    private final List<EsmFieldError> fieldErrors;

    public EsmPermanentException(String problem, int status, String serverMessage, String method, String path) {
        this(problem, status, serverMessage, method, path, List.of(), null);
    }

    public EsmPermanentException(String problem, int status, String serverMessage, String method, String path,
            List<EsmFieldError> fieldErrors, Throwable cause) {
        super(problem, status, serverMessage, method, path, cause);
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public List<EsmFieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** A 4xx answer: the instance refused the request as it was made (the login's refusals are credentials). */
    @Override
    public FailureKind kind() {
        return status() >= 400 && status() < 500 ? FailureKind.REFUSED : FailureKind.OTHER;
    }
}
