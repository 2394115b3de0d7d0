package io.cardlink.api.task;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads cards of {@code remoteTemplate} (in {@code remoteFolder}, as its connector type's {@code settings} say, such
 * as a filter) from the remote instance and loads them, mapped, into the local instance.
 *
 * @param settings the task settings of its connector type (see
 *                 {@link io.cardlink.api.connector.ConnectorType#taskSettings()}), by key (a null value
 *                 is a setting left out); never null
 */
public record ScheduledTask(String id, String connectorId, String name, boolean enabled, Schedule schedule,
        TaskMode mode, Map<String, String> settings, String remoteTemplate, String remoteFolder, Mapping mapping,
        RemovalPolicy removal, FailureCardTarget failureCard, Instant createdAt, Instant updatedAt) {

    public ScheduledTask {
        TreeMap<String, String> given = new TreeMap<>();
        if (settings != null) {
            // a key without a value is a setting left out
            settings.forEach((key, value) -> {
                if (value != null) {
                    given.put(key, value);
                }
            });
        }
        settings = Collections.unmodifiableMap(given);
    }
}
