package io.cardlink.api.task;

import java.time.Instant;

/**
 * Reads cards of {@code remoteTemplate} (in {@code remoteFolder}, matching {@code eqlFilter}) from the remote
 * instance and loads them, mapped, into the local instance.
 */
public record ScheduledTask(String id, String connectorId, String name, boolean enabled, Schedule schedule,
        TaskMode mode, String eqlFilter, String remoteTemplate, String remoteFolder, Mapping mapping,
        RemovalPolicy removal, FailureCardTarget failureCard, Instant createdAt, Instant updatedAt) {
}
