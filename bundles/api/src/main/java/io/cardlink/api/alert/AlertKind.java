package io.cardlink.api.alert;

/** The condition an alert is about. */
public enum AlertKind {
    /** A task's last run failed. */
    RUN_FAILED,
    /** A task's last run completed with errors (some cards failed). */
    RUN_COMPLETED_WITH_ERRORS,
    /** An instance refused the connector's login. */
    WRONG_CREDENTIALS,
    /** An instance could not be reached. */
    INSTANCE_UNREACHABLE,
    /** An instance's TLS certificate expires soon. */
    CERTIFICATE_EXPIRING,
    /** An instance refused a task's filter or read, or the task's mapping does not compile. */
    FILTER_OR_MAPPING_REFUSED,
    /** An event task has dead operations (failed for good, waiting for a replay or a discard). */
    EVENT_OPERATIONS_DEAD,
    /** Event operations of a task were refused (FAILED, their caller told why) within the last hour. */
    EVENT_OPERATIONS_FAILING,
    /** A run stopped its removals at the task's safety threshold. */
    REMOVAL_THRESHOLD,
    /** A task has not succeeded for much longer than its schedule suggests. */
    TASK_OVERDUE
}
