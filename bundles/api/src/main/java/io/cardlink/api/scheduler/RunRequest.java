package io.cardlink.api.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * One admitted run of a task. {@code id} is unique per request and is meant to become the run's execution id, so
 * that the row recorded as waiting and the run that follows are the same row. {@code dryRun} asks for a run that
 * writes nothing and reports what it would do.
 */
public record RunRequest(String id, String taskId, RunTrigger trigger, Instant requestedAt, boolean dryRun) {
    public RunRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A request for a real run. */
    public RunRequest(String id, String taskId, RunTrigger trigger, Instant requestedAt) {
        this(id, taskId, trigger, requestedAt, false);
    }
}
