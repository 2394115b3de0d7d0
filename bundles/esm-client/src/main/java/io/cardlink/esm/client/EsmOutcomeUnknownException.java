package io.cardlink.esm.client;

/**
 * A write failed after it was sent (a server error, a timeout or a broken connection while waiting for the
 * answer): the instance may or may not have carried it out. Sending it again unchanged may write twice; find out
 * first what landed, for instance by the cards' unique key.
 */
public class EsmOutcomeUnknownException extends EsmRetryableException {
    private static final long serialVersionUID = 1L;

    public EsmOutcomeUnknownException(String problem, int status, String serverMessage, String method, String path,
            Throwable cause) {
        super(problem, status, serverMessage, method, path, null, cause);
    }
}
