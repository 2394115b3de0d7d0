package io.cardlink.api.task;

import java.time.Instant;
import java.util.List;

/**
 * Writes cards to the remote instance when the local workflow engine calls an orchestration endpoint: cards of the
 * local template (and folder, when one is named) become cards of the remote template and folder by the mapping,
 * which runs local to remote. The workflow references name the workflows that use it; a task in use can't be
 * removed without force.
 *
 * @param localTemplate      the template of the local cards the task takes (the workflow's template)
 * @param localFolder        optional: the folder those cards must be in
 * @param workflowReferences the workflows that use the task: as the store gives a task, every one it knows; as the
 *                           task service gives it, the live ones only
 */
public record EventTask(String id, String connectorId, String name, String localTemplate, String localFolder,
        String remoteTemplate, String remoteFolder, Mapping mapping, List<String> workflowReferences,
        Instant createdAt, Instant updatedAt) {

    public EventTask {
        workflowReferences = workflowReferences == null ? List.of() : List.copyOf(workflowReferences);
    }

    public boolean inUse() {
        return !workflowReferences.isEmpty();
    }

    /** The same task with other workflow references. */
    public EventTask withWorkflowReferences(List<String> references) {
        return new EventTask(id, connectorId, name, localTemplate, localFolder, remoteTemplate, remoteFolder, mapping,
                references, createdAt, updatedAt);
    }
}
