package io.cardlink.api.task;

import java.time.Instant;
import java.util.List;

/**
 * Writes cards to the remote instance when the local workflow engine calls an orchestration endpoint. The
 * workflow references name the workflows that use it; a task in use can't be removed without force.
 */
public record EventTask(String id, String connectorId, String name, String remoteTemplate, String remoteFolder,
        Mapping mapping, List<String> workflowReferences, Instant createdAt, Instant updatedAt) {

    public EventTask {
        workflowReferences = workflowReferences == null ? List.of() : List.copyOf(workflowReferences);
    }

    public boolean inUse() {
        return !workflowReferences.isEmpty();
    }
}
