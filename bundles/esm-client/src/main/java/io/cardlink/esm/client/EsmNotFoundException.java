package io.cardlink.esm.client;

/** The template, data card, attribute or file named in the call does not exist on the instance. */
public class EsmNotFoundException extends EsmPermanentException {
    private static final long serialVersionUID = 1L;

    public EsmNotFoundException(String problem, int status, String serverMessage, String method, String path) {
        super(problem, status, serverMessage, method, path);
    }
}
