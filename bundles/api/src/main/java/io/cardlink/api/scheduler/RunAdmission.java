package io.cardlink.api.scheduler;

import java.util.Objects;

/** What became of a request to run a task now, with the request that will run. */
public record RunAdmission(RunRequest request, Outcome outcome) {

    public enum Outcome {
        /** Handed to a worker: the runner is being called. */
        STARTED,
        /** Queued behind the concurrency limit or behind the task's own running run. */
        WAITING,
        /** The task already had a waiting request; {@link #request()} is that one and no second one was queued. */
        ALREADY_WAITING
    }

    public RunAdmission {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
    }
}
