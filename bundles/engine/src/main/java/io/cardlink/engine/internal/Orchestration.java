package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.Value;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The orchestration endpoint's service: validates a request, commits it to the outbox (one transaction), wakes the
 * dispatcher and waits for the outcome up to the configured bound. A workflow named with a request is added to the
 * task's workflow references, so that a task in real use can't be removed without force.
 */
@Component(service = OrchestrationService.class)
public class Orchestration implements OrchestrationService {

    static final int MAX_TEXT = 200;

    private final OutboxStore outbox;
    private final TaskStore tasks;
    private final OutboxDispatcher dispatcher;
    private final Object referencesLock = new Object();

    @Activate
    public Orchestration(@Reference OutboxStore outbox, @Reference TaskStore tasks,
            @Reference OutboxDispatcher dispatcher) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.dispatcher = dispatcher;
    }

    @Override
    public Operation submit(String taskId, OperationRequest request) {
        EventTask task = taskId == null ? null : tasks.findEvent(taskId).orElse(null);
        if (task == null) {
            throw new NotFoundException("no event task with id '" + taskId + "'");
        }
        validate(task, request);
        String key = blankToNull(request.idempotencyKey());
        String workflow = blankToNull(request.workflow());
        recordWorkflow(task, workflow);
        Operation stored = outbox.add(new Operation(null, task.id(), task.connectorId(), request.operation(), key,
                workflow, OperationStatus.PENDING, 0, null, null, null, null, null), request.card());
        if (stored.status() == OperationStatus.PENDING) {
            dispatcher.dispatch(stored.id());
        }
        return dispatcher.await(stored.id(), dispatcher.settings().waitForOutcome());
    }

    @Override
    public Operation get(String operationId) {
        return outbox.find(operationId)
                .orElseThrow(() -> new NotFoundException("no operation with id '" + operationId + "'"));
    }

    @Override
    public List<Operation> list(String taskId, OperationStatus status, int limit) {
        new Validation().check(limit >= 1 && limit <= 1000, "limit", "must be between 1 and 1000").throwIfInvalid();
        return outbox.listForTask(taskId, status, limit);
    }

    /** Every problem of a request at once, by field. */
    static void validate(EventTask task, OperationRequest request) {
        Validation validation = new Validation();
        if (request == null) {
            validation.add("body", "required: the operation, the card and optionally an idempotency key and workflow");
            validation.throwIfInvalid();
        }
        validation.require("operation", request.operation());
        checkLength(validation, "idempotencyKey", request.idempotencyKey());
        checkLength(validation, "workflow", request.workflow());
        DataCard card = request.card();
        Mapping mapping = task.mapping();
        if (card == null || card.attributes().isEmpty()) {
            validation.add("card", "required: the local card's attributes");
        } else if (mapping == null || mapping.uniqueKeyAttribute() == null) {
            validation.add("card", "event task '" + task.name() + "' has no mapping with a unique key; fix the task");
        } else {
            String keySource = ReferenceLookup.keySource(mapping);
            List<Value> keys = card.values(keySource);
            if (keys.isEmpty()) {
                validation.add("card." + keySource, "required: the remote card's unique key '"
                        + mapping.uniqueKeyAttribute() + "' is mapped from it");
            } else if (keys.size() > 1) {
                validation.add("card." + keySource, "must have one value: it feeds the unique key '"
                        + mapping.uniqueKeyAttribute() + "'");
            } else if (keys.get(0).displayText() == null || keys.get(0).displayText().isBlank()) {
                validation.add("card." + keySource, "must not be empty: it feeds the unique key '"
                        + mapping.uniqueKeyAttribute() + "'");
            }
        }
        validation.throwIfInvalid();
    }

    private void recordWorkflow(EventTask task, String workflow) {
        if (workflow == null || task.workflowReferences().contains(workflow)) {
            return;
        }
        // read again under the lock, so that two new workflows at once on this node both stay
        synchronized (referencesLock) {
            EventTask current = tasks.findEvent(task.id())
                    .orElseThrow(() -> new NotFoundException("no event task with id '" + task.id() + "'"));
            if (current.workflowReferences().contains(workflow)) {
                return;
            }
            List<String> references = new ArrayList<>(current.workflowReferences());
            references.add(workflow);
            tasks.updateEvent(new EventTask(current.id(), current.connectorId(), current.name(),
                    current.remoteTemplate(), current.remoteFolder(), current.mapping(), references,
                    current.createdAt(), current.updatedAt()));
        }
    }

    private static void checkLength(Validation validation, String field, String value) {
        validation.check(value == null || value.length() <= MAX_TEXT, field, "at most " + MAX_TEXT + " characters");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
