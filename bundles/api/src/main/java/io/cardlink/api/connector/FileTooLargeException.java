package io.cardlink.api.connector;

import io.cardlink.api.CardlinkException;

/** A file is larger than the connector lets through: it fails the same way until the file or the limit changes. */
public class FileTooLargeException extends CardlinkException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public FileTooLargeException(String message, long limitBytes) {
        super(message);
        this.limitBytes = limitBytes;
    }

    /** The largest file the connector lets through, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
