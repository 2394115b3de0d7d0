package io.cardlink.esm.client;

import io.cardlink.api.FailureKind;

/** The instance refused the login (wrong user or password, user without API access) or the token. */
public class EsmAuthenticationException extends EsmPermanentException {
    private static final long serialVersionUID = 1L;

    public EsmAuthenticationException(String problem, int status, String serverMessage, String method, String path) {
        super(problem, status, serverMessage, method, path);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.CREDENTIALS;
    }
}
