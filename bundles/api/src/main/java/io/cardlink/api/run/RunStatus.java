package io.cardlink.api.run;

/** The status of a run or of one of its phases, in the words operators know from the vendor's screens. */
public enum RunStatus {
    SCHEDULED,
    WAITING,
    RUNNING,
    SUCCESS,
    COMPLETED_WITH_ERRORS,
    ERROR,
    STOPPED,
    INTERRUPTED;

    public boolean finished() {
        return this != SCHEDULED && this != WAITING && this != RUNNING;
    }
}
