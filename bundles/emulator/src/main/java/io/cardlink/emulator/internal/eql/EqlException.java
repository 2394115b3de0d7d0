package io.cardlink.emulator.internal.eql;

/** A filter that cannot be parsed or does not fit the template; the message says where (1-based position) and what. */
public final class EqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;

    public EqlException(int position, String detail) {
        super("Invalid filter at position " + position + ": " + detail);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
