package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.SchemaRead;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the checks of an orchestration request and the writes of its operation share for an event task: the template
 * schemas of both instances and the task's compiled mapping, and the connector's tasks (from which references learn
 * where the keys are), each reused for {@link #REUSE}: an instance's schema or a task may change meanwhile.
 */
final class EventMapping {

    static final Duration REUSE = Duration.ofMinutes(1);

    /** A card mapped for a write, with the references it needed. */
    record Mapped(MappingResult result, WriteReferences references) {
    }

    private record Schema(Instant readAt, TemplateSchema schema) {
    }

    private record Compiled(Mapping mapping, Instant taskUpdatedAt, Instant compiledAt, CompiledMapping compiled) {
    }

    private record ConnectorTasks(Instant readAt, List<EventTask> events, List<ScheduledTask> scheduled) {
    }

    private final MappingEngine mappings;
    private final TaskStore tasks;
    private final Clock clock;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Compiled> compiledByTask = new ConcurrentHashMap<>();
    private final Map<String, ConnectorTasks> tasksByConnector = new ConcurrentHashMap<>();

    EventMapping(MappingEngine mappings, TaskStore tasks, Clock clock) {
        this.mappings = mappings;
        this.tasks = tasks;
        this.clock = clock;
    }

    MappingEngine engine() {
        return mappings;
    }

    /**
     * The schema of a template of the connector's local or remote instance; empty when the instance has no such
     * template. An instance that can't be reached fails as its gateway does.
     */
    Optional<TemplateSchema> schema(String connectorId, boolean remote, SchemaRead gateway, String template) {
        String key = connectorId + (remote ? "\u0000remote\u0000" : "\u0000local\u0000") + template;
        Instant now = clock.instant();
        Schema known = schemas.get(key);
        if (known != null && known.readAt().plus(REUSE).isAfter(now)) {
            return Optional.ofNullable(known.schema());
        }
        TemplateSchema schema;
        try {
            schema = gateway.template(template);
        } catch (NotFoundException e) {
            schema = null;
        }
        schemas.put(key, new Schema(now, schema));
        return Optional.ofNullable(schema);
    }

    /**
     * The task's mapping compiled against the remote template's schema, reused while the task is unchanged. The
     * source side is the local card, whose values carry their own types: the conversions depend on the target only,
     * and the task's save already checked the mapping against the local template.
     */
    CompiledMapping compiled(EventTask task, SchemaRead remote) {
        Instant now = clock.instant();
        Compiled known = compiledByTask.get(task.id());
        if (known != null && known.mapping().equals(task.mapping())
                && Objects.equals(known.taskUpdatedAt(), task.updatedAt())
                && known.compiledAt().plus(REUSE).isAfter(now)) {
            return known.compiled();
        }
        TemplateSchema target = schema(task.connectorId(), true, remote, task.mapping().targetTemplate())
                .orElseThrow(() -> new NotFoundException("the remote instance has no template '"
                        + task.mapping().targetTemplate() + "'"));
        CompiledMapping compiled = mappings.compile(task.mapping(), null, target, Direction.WRITE);
        compiledByTask.put(task.id(), new Compiled(task.mapping(), task.updatedAt(), now, compiled));
        return compiled;
    }

    /** Maps a local card to the remote card, its references resolved through the local and the remote instance. */
    Mapped map(EventTask task, DataCard card, Connection connection, InstanceGateway local) {
        CompiledMapping compiled = compiled(task, connection.remote());
        ConnectorTasks connectorTasks = connectorTasks(task.connectorId());
        WriteReferences references = new WriteReferences(task, connectorTasks.events(), connectorTasks.scheduled(),
                local, connection.remote());
        return new Mapped(compiled.apply(card, task.id(), task.name(), references), references);
    }

    private ConnectorTasks connectorTasks(String connectorId) {
        Instant now = clock.instant();
        ConnectorTasks known = tasksByConnector.get(connectorId);
        if (known != null && known.readAt().plus(REUSE).isAfter(now)) {
            return known;
        }
        ConnectorTasks read = new ConnectorTasks(now, tasks.listEvent(connectorId), tasks.listScheduled(connectorId));
        tasksByConnector.put(connectorId, read);
        return read;
    }
}
