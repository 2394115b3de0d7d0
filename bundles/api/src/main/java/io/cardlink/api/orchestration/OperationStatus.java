package io.cardlink.api.orchestration;

/** Where an operation of the outbox stands. */
public enum OperationStatus {
    /** Waiting for its first or its next attempt. */
    PENDING,
    /** A dispatcher is writing it to the remote instance now. */
    RUNNING,
    SUCCEEDED,
    /** Refused by the remote instance, or out of attempts; the provisioning exception says why. */
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
