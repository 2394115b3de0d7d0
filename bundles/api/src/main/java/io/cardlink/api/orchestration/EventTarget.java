package io.cardlink.api.orchestration;

import io.cardlink.api.task.Mapping;

/**
 * An event task as a workflow designer picks it on an orchestration node (the vendor's "Target" list): which local
 * cards it takes, where it writes them and how it maps them.
 */
public record EventTarget(String connectorId, String connectorName, String taskId, String taskName,
        String localTemplate, String localFolder, String remoteTemplate, String remoteFolder, Mapping mapping) {
}
