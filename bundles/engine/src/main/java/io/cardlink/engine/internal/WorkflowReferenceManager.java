package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connector;
import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.orchestration.WorkflowReferenceService;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.store.WorkflowReferenceStore;
import io.cardlink.api.task.EventTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The workflow references of event tasks ("show workflow references"), and which of them are live: used within the
 * configured time. The task service shows a task with its live references only, and a live reference keeps a task
 * from being removed without force.
 */
@Component(service = {WorkflowReferenceService.class, WorkflowReferenceManager.class},
        configurationPid = WorkflowReferenceManager.PID)
@Designate(ocd = WorkflowReferenceManager.Config.class)
public class WorkflowReferenceManager implements WorkflowReferenceService {
    static final String PID = "io.cardlink.engine.workflows";

    @ObjectClassDefinition(name = "Cardlink workflow references",
            description = "How long a workflow that stopped calling an event task still counts as using it")
    public @interface Config {
        @AttributeDefinition(description = "Days after its last use that a workflow reference goes stale: it is"
                + " listed as stale and no longer keeps the task from being removed (at least 1)")
        int staleAfterDays() default 90;
    }

    private final WorkflowReferenceStore references;
    private final ConnectorStore connectors;
    private final TaskStore tasks;
    private final Duration staleAfter;
    private final Clock clock;

    @Activate
    public WorkflowReferenceManager(@Reference WorkflowReferenceStore references, @Reference ConnectorStore connectors,
            @Reference TaskStore tasks, Config config) {
        this(references, connectors, tasks, Duration.ofDays(Math.max(1, config.staleAfterDays())), Clock.systemUTC());
    }

    WorkflowReferenceManager(WorkflowReferenceStore references, ConnectorStore connectors, TaskStore tasks,
            Duration staleAfter, Clock clock) {
        this.references = references;
        this.connectors = connectors;
        this.tasks = tasks;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public List<WorkflowReference> forTask(String connector, String task) {
        Connector owner = TaskManager.requireConnector(connectors, connector);
        return references.forTask(TaskManager.requireEvent(tasks, owner, task).id(), staleBefore());
    }

    @Override
    public List<WorkflowReference> forConnector(String connector) {
        return references.forConnector(TaskManager.requireConnector(connectors, connector).id(), staleBefore());
    }

    @Override
    public Duration staleAfter() {
        return staleAfter;
    }

    /** The task with its live workflow references only. */
    EventTask live(EventTask task) {
        return task.withWorkflowReferences(references.forTask(task.id(), staleBefore()).stream()
                .filter(reference -> !reference.stale()).map(WorkflowReference::workflow).toList());
    }

    /** The tasks of one connector, each with its live workflow references only. */
    List<EventTask> live(String connectorId, List<EventTask> connectorTasks) {
        Map<String, List<String>> live = new HashMap<>();
        references.forConnector(connectorId, staleBefore()).stream()
                .filter(reference -> !reference.stale())
                .forEach(reference -> live.computeIfAbsent(reference.taskId(), id -> new java.util.ArrayList<>())
                        .add(reference.workflow()));
        return connectorTasks.stream()
                .map(task -> task.withWorkflowReferences(live.getOrDefault(task.id(), List.of())))
                .toList();
    }

    private Instant staleBefore() {
        return clock.instant().minus(staleAfter);
    }
}
