package io.cardlink.api.store;

import io.cardlink.api.orchestration.WorkflowReference;
import java.time.Instant;
import java.util.List;

/**
 * The workflow references of event tasks. Uses are recorded with the operations that name a workflow
 * ({@link OutboxStore#add}); references an admin names on a task are saved with the task ({@link TaskStore}).
 * Each method is one transaction.
 */
public interface WorkflowReferenceStore {

    /** A task's references, the most recently used first; stale when last used before {@code staleBefore}. */
    List<WorkflowReference> forTask(String taskId, Instant staleBefore);

    /** The references of a connector's event tasks, by task name, then the most recently used first. */
    List<WorkflowReference> forConnector(String connectorId, Instant staleBefore);
}
