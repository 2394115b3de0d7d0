package io.cardlink.esm.client;

import io.cardlink.api.FailureKind;

/** No connection could be opened to the instance (refused, timed out, unknown host, TLS failure at connect). */
public class EsmUnreachableException extends EsmRetryableException {
    private static final long serialVersionUID = 1L;

    public EsmUnreachableException(String problem, String method, String path, Throwable cause) {
        super(problem, -1, null, method, path, null, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.UNREACHABLE;
    }
}
