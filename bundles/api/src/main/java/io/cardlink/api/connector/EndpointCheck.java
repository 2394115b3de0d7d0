package io.cardlink.api.connector;

/** The result of logging in to one instance, for the connection test. */
public record EndpointCheck(String endpoint, Result result, String message, long millis) {

    public enum Result {
        OK,
        WRONG_CREDENTIALS,
        UNREACHABLE,
        TLS_PROBLEM,
        WRONG_API_PATH,
        NOT_CONFIGURED,
        ERROR
    }

    public boolean ok() {
        return result == Result.OK;
    }
}
