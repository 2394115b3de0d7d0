package io.cardlink.api.connector;

/** What a connector type can do; the engine offers only the task kinds and modes a type declares. */
public enum Capability {
    READ_FULL,
    READ_INCREMENTAL,
    WRITE_CREATE,
    WRITE_UPDATE,
    WRITE_DELETE
}
