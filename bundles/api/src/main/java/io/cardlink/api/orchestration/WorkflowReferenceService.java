package io.cardlink.api.orchestration;

import java.time.Duration;
import java.util.List;

/**
 * The workflows that use event tasks ("show workflow references"). {@code connector} is a connector id or name,
 * {@code task} an event task's id or name within it; unknown ones are a {@link io.cardlink.api.NotFoundException}.
 */
public interface WorkflowReferenceService {

    /** The references of one event task, the most recently used first. */
    List<WorkflowReference> forTask(String connector, String task);

    /** The references of every event task of a connector, by task name, then the most recently used first. */
    List<WorkflowReference> forConnector(String connector);

    /** How long a reference stays live after its last use. */
    Duration staleAfter();
}
