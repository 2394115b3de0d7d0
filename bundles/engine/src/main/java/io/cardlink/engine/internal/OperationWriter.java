package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Writes one operation of an event task to the remote instance: maps the local card (local to remote, the
 * {@link Direction#WRITE} rules), finds the remote card by the mapped unique key, then creates, updates or deletes it.
 * Each operation is safe to repeat after a crash: a create whose card exists updates it, a delete whose card is gone
 * succeeds. Gateway failures propagate as they are ({@link io.cardlink.api.CardlinkException#retryable()} decides).
 */
final class OperationWriter {

    /** How long a compiled mapping is reused for a task that did not change: the remote schema may change meanwhile. */
    static final Duration MAPPING_REUSE = Duration.ofMinutes(1);

    /** The outcome of a write that reached a verdict: the remote card's id, or why the remote or the mapping refused. */
    record Result(boolean succeeded, String remoteId, String failure) {
        static Result succeeded(String remoteId) {
            return new Result(true, remoteId, null);
        }

        static Result failed(String failure) {
            return new Result(false, null, failure);
        }
    }

    private record Compiled(Mapping mapping, Instant taskUpdatedAt, Instant compiledAt, CompiledMapping compiled) {
    }

    private final MappingEngine mappings;
    private final Clock clock;
    private final Map<String, Compiled> compiledByTask = new ConcurrentHashMap<>();

    OperationWriter(MappingEngine mappings, Clock clock) {
        this.mappings = mappings;
        this.clock = clock;
    }

    Result write(EventTask task, EventOperation operation, DataCard card, InstanceGateway remote) {
        Mapping mapping = task.mapping();
        MappingResult mapped = compiled(task, remote).apply(card, task.id(), ReferenceResolver.none());
        if (!mapped.succeeded()) {
            return Result.failed("the card could not be mapped: " + describe(mapped.problems()));
        }
        if (operation != EventOperation.DELETE && !mapped.problems().isEmpty()) {
            // writing the card without these attributes would report success for less than was asked
            return Result.failed("the card could not be mapped: " + describe(mapped.problems()));
        }
        DataCard remoteCard = mapped.card();
        String template = mapping.targetTemplate();
        String keyAttribute = mapping.uniqueKeyAttribute();
        String key = remoteCard.text(keyAttribute);
        String existing = LocalCards.idsByKey(remote, template, keyAttribute, List.of(key)).get(key);
        switch (operation) {
            case CREATE:
                if (existing == null) {
                    return Result.succeeded(remote.create(template, remoteCard));
                }
                // written before a crash or by an earlier request without an idempotency key
                remote.update(template, existing, remoteCard);
                return Result.succeeded(existing);
            case UPDATE:
                if (existing == null) {
                    return Result.failed("no card with key '" + key + "' (attribute '" + keyAttribute
                            + "') in remote template '" + template + "'");
                }
                remote.update(template, existing, remoteCard);
                return Result.succeeded(existing);
            case DELETE:
                if (existing != null) {
                    remote.delete(template, existing);
                }
                return Result.succeeded(existing);
            default:
                throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    /** The task's mapping compiled against the remote template's schema, reused while the task is unchanged. */
    private CompiledMapping compiled(EventTask task, InstanceGateway remote) {
        Instant now = clock.instant();
        Compiled known = compiledByTask.get(task.id());
        if (known != null && known.mapping().equals(task.mapping())
                && Objects.equals(known.taskUpdatedAt(), task.updatedAt())
                && known.compiledAt().plus(MAPPING_REUSE).isAfter(now)) {
            return known.compiled();
        }
        // The source side is the workflow's JSON, whose values carry their own types: the conversions depend on the
        // target only, and the task's save already checked the mapping against the local template.
        TemplateSchema target = remote.template(task.mapping().targetTemplate());
        CompiledMapping compiled = mappings.compile(task.mapping(), null, target, Direction.WRITE);
        compiledByTask.put(task.id(), new Compiled(task.mapping(), task.updatedAt(), now, compiled));
        return compiled;
    }

    private static String describe(List<MappingProblem> problems) {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }
}
