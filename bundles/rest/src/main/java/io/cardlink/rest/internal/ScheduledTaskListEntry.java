package io.cardlink.rest.internal;

import io.cardlink.api.run.RunStatus;
import io.cardlink.api.service.ScheduledTaskRow;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.time.Instant;
import java.util.Map;

/**
 * A scheduled task in a task list: the task's own fields, as GET of one task answers them, and the list's columns
 * (last extract and load status, next run).
 */
public record ScheduledTaskListEntry(String id, String connectorId, String name, boolean enabled, Schedule schedule,
        TaskMode mode, Map<String, String> settings, String remoteTemplate, String remoteFolder, Mapping mapping,
        RemovalPolicy removal, FailureCardTarget failureCard, Instant createdAt, Instant updatedAt,
        RunStatus lastExtractStatus, RunStatus lastLoadStatus, Instant nextRunAt) {

    static ScheduledTaskListEntry of(ScheduledTaskRow row) {
        ScheduledTask t = row.task();
        return new ScheduledTaskListEntry(t.id(), t.connectorId(), t.name(), t.enabled(), t.schedule(), t.mode(),
                t.settings(), t.remoteTemplate(), t.remoteFolder(), t.mapping(), t.removal(), t.failureCard(),
                t.createdAt(), t.updatedAt(), row.lastExtractStatus(), row.lastLoadStatus(), row.nextRunAt());
    }
}
