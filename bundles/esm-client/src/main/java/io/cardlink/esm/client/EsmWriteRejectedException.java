package io.cardlink.esm.client;

import java.util.List;

/**
 * A write answered with a success status but reported errors ({@code meta.errors}): some values were not
 * saved. {@link #dataCardId()} names the card when the server reported one, since it may exist half-written.
 */
public class EsmWriteRejectedException extends EsmPermanentException {
    private static final long serialVersionUID = 1L;

    private final String dataCardId;

    public EsmWriteRejectedException(String problem, int status, String method, String path, String dataCardId,
            List<EsmFieldError> errors) {
        super(problem + ": " + EsmFieldError.summary(errors), status, null, method, path, errors, null);
        this.dataCardId = dataCardId;
    }

    /** The id of the card the write touched, or null when the server gave none. */
    public String dataCardId() {
        return dataCardId;
    }
}
