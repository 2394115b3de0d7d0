package io.cardlink.api.timeline;

/** What happened to a card. */
public enum CardEventKind {
    /** A scheduled run created the card in the local instance. */
    CREATED,
    /** A scheduled run updated the local card. */
    UPDATED,
    /** A scheduled run marked the local card removed: the card was gone from the remote instance. */
    REMOVED,
    /** An event operation wrote the card to the remote instance (created, updated or deleted it there). */
    WRITTEN,
    /** Not written: the loop guard recognised an echo of a write in the other direction. */
    SUPPRESSED,
    /** Held by the loop breaker: written too often within its window; waits for an operator. */
    HELD,
    /** An instance or the mapping refused the card; the message says why. */
    REFUSED
}
