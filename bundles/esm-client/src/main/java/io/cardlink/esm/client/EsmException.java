package io.cardlink.esm.client;

import io.cardlink.api.CardlinkException;

/**
 * A call to an instance failed. Carries the HTTP status (or -1 when no response came), the message from the
 * server's error body, the method and the endpoint path (relative to the API URL, without query string). Never
 * carries a password or token.
 */
public abstract class EsmException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;
    private final String method;
    private final String path;

    protected EsmException(String problem, int status, String serverMessage, String method, String path,
            Throwable cause) {
        super(describe(problem, status, serverMessage, method, path), cause);
        this.status = status;
        this.serverMessage = serverMessage;
        this.method = method;
        this.path = path;
    }

    /** The HTTP status, or -1 when no response was received. */
    public int status() {
        return status;
    }

    /** The {@code message} of the server's ApiException body, or null. */
    public String serverMessage() {
        return serverMessage;
    }

    public String method() {
        return method;
    }

    /** The endpoint path, such as {@code /dc/incident/data}; no query string. */
    public String path() {
        return path;
    }

    private static String describe(String problem, int status, String serverMessage, String method, String path) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(": ");
        if (status > 0) {
            sb.append("HTTP ").append(status).append(", ");
        }
        sb.append(problem);
        if (serverMessage != null && !serverMessage.isBlank()) {
            sb.append(" (server: ").append(serverMessage).append(')');
        }
        return sb.toString();
    }
}
