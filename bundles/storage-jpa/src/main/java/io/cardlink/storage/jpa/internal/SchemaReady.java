package io.cardlink.storage.jpa.internal;

/**
 * Registered as a service once the schema is at {@link #version()}; the stores reference it so that they start only
 * after the tables exist.
 */
public final class SchemaReady {

    private final int version;

    SchemaReady(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }
}
