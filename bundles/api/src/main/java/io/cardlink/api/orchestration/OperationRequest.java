package io.cardlink.api.orchestration;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.task.EventOperation;

/**
 * What a workflow asks of an event task: an operation on a card of the local instance, given by its attributes or
 * by its id.
 *
 * @param operation      create, update or delete in the remote instance
 * @param card           the local card's attributes (template, folder and id are not needed); they are mapped to the
 *                       remote card by the task's mapping, and must hold the attribute that feeds its unique key.
 *                       Null when {@code localCardId} names the card instead
 * @param localCardId    the id of the card in the task's local template: Cardlink reads it from the local instance
 *                       and maps it. Null when {@code card} is sent
 * @param idempotencyKey optional: a second request with the same key for the same task gets the first one's
 *                       operation and writes nothing; the same key with another request is refused
 * @param workflow       optional: the workflow that calls, recorded in the task's workflow references
 * @param waitSeconds    optional: how long to wait for the outcome before answering with the operation as it stands
 *                       (null: the configured wait); capped at {@link OrchestrationService#MAX_WAIT_SECONDS}
 */
public record OperationRequest(EventOperation operation, DataCard card, String localCardId, String idempotencyKey,
        String workflow, Integer waitSeconds) {
}
