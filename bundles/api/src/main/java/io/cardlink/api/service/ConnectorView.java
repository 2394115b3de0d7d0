package io.cardlink.api.service;

import io.cardlink.api.connector.ConnectorStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A connector as operators see it: plain settings, which secrets are set (never their values), its status. */
public record ConnectorView(String id, String name, String type, String description, Map<String, String> settings,
        Set<String> secretsSet, ConnectorStatus status, int scheduledTasks, int eventTasks, Instant createdAt,
        Instant updatedAt) {
}
