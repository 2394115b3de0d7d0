package io.cardlink.api.scheduler;

/** What asked for a run: the task's schedule, or a person (or API call) asking to run it now. */
public enum RunTrigger {
    SCHEDULED,
    MANUAL
}
