package io.cardlink.api.timeline;

/** How a card is named when its timeline is asked for. */
public enum CardLookup {
    /** By its key (see {@link CardEvent#cardKey()}). */
    KEY,
    /** By the id of its card in the local instance. */
    LOCAL_ID,
    /** By the id of its card in the remote instance. */
    REMOTE_ID
}
