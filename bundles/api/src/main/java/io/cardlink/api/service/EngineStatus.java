package io.cardlink.api.service;

import java.util.List;

/** What {@code GET /status} and {@code cardlink:status} show, {@code nodes} the Cardlink nodes on the database. */
public record EngineStatus(String version, String state, boolean databaseReachable, String database,
        List<ComponentStatus> components, List<NodeStatus> nodes) {

    public EngineStatus {
        components = components == null ? List.of() : List.copyOf(components);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A status that knows no node (the engine is not there to tell). */
    public EngineStatus(String version, String state, boolean databaseReachable, String database,
            List<ComponentStatus> components) {
        this(version, state, databaseReachable, database, components, List.of());
    }
}
