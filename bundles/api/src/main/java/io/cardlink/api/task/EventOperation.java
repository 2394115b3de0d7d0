package io.cardlink.api.task;

/** What an event task does to a card of the remote instance. */
public enum EventOperation {
    CREATE,
    UPDATE,
    DELETE
}
