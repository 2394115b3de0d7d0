package io.cardlink.api.service;

import java.util.List;

/** What {@code GET /status} and {@code cardlink:status} show. */
public record EngineStatus(String version, String state, boolean databaseReachable, String database,
        List<ComponentStatus> components) {

    public EngineStatus {
        components = components == null ? List.of() : List.copyOf(components);
    }
}
