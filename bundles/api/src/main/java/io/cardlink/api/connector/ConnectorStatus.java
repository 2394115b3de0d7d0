package io.cardlink.api.connector;

/** A connector's state as an operator sees it in the overview. */
public enum ConnectorStatus {
    /** Its type is not installed: nothing runs, nothing is lost. */
    TYPE_NOT_INSTALLED,
    /** It has no scheduled task yet. */
    NO_SCHEDULED_TASK,
    /** None of its tasks has run yet. */
    NEVER_RUN,
    /** Every task's last run succeeded. */
    OK,
    /**
     * No task's last run failed, but one completed with errors or a task has an open alert (the vendor's orange).
     */
    WARNING,
    /** At least one task's last run failed. */
    FAILING
}
