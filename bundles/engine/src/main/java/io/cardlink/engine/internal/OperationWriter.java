package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardCreate;
import io.cardlink.api.connector.CardDelete;
import io.cardlink.api.connector.CardUpdate;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.KeyLookup;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes one operation of an event task to the remote instance: maps the local card (local to remote, the
 * {@link Direction#WRITE} rules, references resolved through the two instances), lets the loop guard look for an echo,
 * finds the remote card by the mapped unique key, then creates, updates or deletes it, and tells the loop guard what
 * was written. Each operation is safe to repeat after a crash: a create whose card exists updates it, a delete whose
 * card is gone succeeds. Gateway failures propagate as they are ({@link io.cardlink.api.CardlinkException#retryable()}
 * decides).
 */
final class OperationWriter {

    /** How a write ended. */
    enum Outcome {
        SUCCEEDED,
        /** The remote or the mapping refused it; {@code text} says why. */
        FAILED,
        /** Not written: an echo; {@code text} says of what. */
        SUPPRESSED
    }

    /** The outcome of a write that reached a verdict: the remote card's id, or why it failed or was not written. */
    record Result(Outcome outcome, String remoteId, String text) {
        static Result succeeded(String remoteId) {
            return new Result(Outcome.SUCCEEDED, remoteId, null);
        }

        static Result failed(String failure) {
            return new Result(Outcome.FAILED, null, failure);
        }

        static Result suppressed(String reason) {
            return new Result(Outcome.SUPPRESSED, null, reason);
        }
    }

    private final EventMapping mapping;
    private final LoopGuard guard;

    OperationWriter(EventMapping mapping, LoopGuard guard) {
        this.mapping = mapping;
        this.guard = guard;
    }

    /** {@code capabilities}: what the connector's type can do; a create whose card exists updates it only if it can. */
    Result write(EventTask task, EventOperation operation, DataCard card, Connection connection, InstanceGateway local,
            Set<Capability> capabilities) {
        Mapping taskMapping = task.mapping();
        MappingResult mapped = mapping.map(task, card, connection, local).result();
        if (!mapped.succeeded()) {
            return Result.failed("the card could not be mapped: " + describe(mapped.problems()));
        }
        if (operation != EventOperation.DELETE && !mapped.problems().isEmpty()) {
            // writing the card without these attributes would report success for less than was asked
            return Result.failed("the card could not be mapped: " + describe(mapped.problems()));
        }
        DataCard remoteCard = mapped.card();
        if (operation != EventOperation.DELETE) {
            Optional<String> echo = guard.echoOfLoad(task, remoteCard);
            if (echo.isPresent()) {
                return Result.suppressed(echo.get());
            }
        }
        FarSide remote = connection.remote();
        String template = taskMapping.targetTemplate();
        String keyAttribute = taskMapping.uniqueKeyAttribute();
        String key = remoteCard.text(keyAttribute);
        KeyLookup lookup = TypeCapabilities.require(remote, Capability.FIND_BY_KEYS, KeyLookup.class);
        String existing = LocalCards.idsByKey(lookup, template, keyAttribute, List.of(key)).get(key);
        switch (operation) {
            case CREATE:
                String created;
                if (existing == null) {
                    created = TypeCapabilities.require(remote, Capability.WRITE_CREATE, CardCreate.class)
                            .create(template, remoteCard);
                } else if (!capabilities.contains(Capability.WRITE_UPDATE)) {
                    return Result.failed("a card with key '" + key + "' (attribute '" + keyAttribute
                            + "') already exists in remote template '" + template + "', and the connector's type"
                            + " does not support " + TypeCapabilities.named(Capability.WRITE_UPDATE)
                            + ", so a create does not overwrite it");
                } else {
                    // written before a crash or by an earlier request without an idempotency key
                    TypeCapabilities.require(remote, Capability.WRITE_UPDATE, CardUpdate.class)
                            .update(template, existing, remoteCard);
                    created = existing;
                }
                guard.written(task, remoteCard);
                return Result.succeeded(created);
            case UPDATE:
                if (existing == null) {
                    return Result.failed("no card with key '" + key + "' (attribute '" + keyAttribute
                            + "') in remote template '" + template + "'");
                }
                TypeCapabilities.require(remote, Capability.WRITE_UPDATE, CardUpdate.class)
                        .update(template, existing, remoteCard);
                guard.written(task, remoteCard);
                return Result.succeeded(existing);
            case DELETE:
                if (existing != null) {
                    TypeCapabilities.require(remote, Capability.WRITE_DELETE, CardDelete.class)
                            .delete(template, existing);
                }
                guard.deleted(task, key);
                return Result.succeeded(existing);
            default:
                throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    static String describe(List<MappingProblem> problems) {
        return problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
    }
}
