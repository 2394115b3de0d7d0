package io.cardlink.api.timeline;

import io.cardlink.api.mapping.Direction;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a card's timeline.
 *
 * @param direction   {@link Direction#READ} for what a scheduled run did (remote to local), {@link Direction#WRITE}
 *                    for an event operation (local to remote)
 * @param cardKey     the card's key: the value of the scheduled task's unique key attribute, which is the event
 *                    operation's card key in a link that syncs both ways
 * @param runId       the scheduled run that did it, for {@link Direction#READ}
 * @param operationId the event operation that did it, for {@link Direction#WRITE}
 * @param workflow    the event operation's workflow name, if it had one
 * @param attributes  the attributes written: for a run, those of the local card; for an event operation, none
 * @param message     why it was refused, suppressed or held; what the operation did
 */
public record CardEvent(String connectorId, String taskId, Direction direction, String cardKey, String localId,
        String remoteId, Instant at, CardEventKind kind, String runId, String operationId, String workflow,
        List<String> attributes, String message) {

    public CardEvent {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
