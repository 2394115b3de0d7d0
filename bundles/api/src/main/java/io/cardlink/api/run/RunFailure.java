package io.cardlink.api.run;

/** Why a run ended in error or with errors, so that monitoring can tell the causes apart without parsing info lines. */
public enum RunFailure {
    /** An instance refused the login. */
    CREDENTIALS,
    /** An instance could not be reached. */
    UNREACHABLE,
    /** An instance refused the task's filter or read, or the task's mapping does not compile against the templates. */
    REFUSED,
    /** More cards would have been marked removed than the task's threshold allows: nothing was marked. */
    REMOVAL_THRESHOLD,
    /** Any other failure. */
    OTHER
}
