package io.cardlink.api.orchestration;

/** Where an operation of the outbox stands. */
public enum OperationStatus {
    /** Waiting for its first or its next attempt, or for an earlier operation of the same card. */
    PENDING,
    /** A dispatcher is writing it to the remote instance now. */
    RUNNING,
    SUCCEEDED,
    /** Refused by the remote instance or by the mapping; the provisioning exception says why. */
    FAILED,
    /**
     * Out of attempts while the remote could not be reached: waits for an operator to replay or discard it. Later
     * operations of the same card wait behind it, so that an older write never lands after a newer one.
     */
    DEAD,
    /** Not written because the loop guard holds its card (too many writes in a row); an operator releases the card. */
    HELD,
    /** Not written: the card is an echo of what a scheduled task has just loaded into the local instance. */
    SUPPRESSED,
    /** A dead or held operation an operator gave up; it is never written. */
    DISCARDED;

    /** Whether the operation has reached its end: nothing more happens to it. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == SUPPRESSED || this == DISCARDED;
    }

    /** Whether the outbox is working on it: it is written without anyone's help. */
    public boolean inProgress() {
        return this == PENDING || this == RUNNING;
    }
}
