package io.cardlink.api.orchestration;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.task.EventOperation;

/**
 * What a workflow asks of an event task: an operation on the card of the local instance whose attributes it sends.
 *
 * @param operation      create, update or delete in the remote instance
 * @param card           the local card's attributes (template, folder and id are not needed); they are mapped to the
 *                       remote card by the task's mapping, and must hold the attribute that feeds its unique key
 * @param idempotencyKey optional: a second request with the same key for the same task gets the first one's
 *                       operation and writes nothing
 * @param workflow       optional: the workflow that calls, recorded in the task's workflow references
 */
public record OperationRequest(EventOperation operation, DataCard card, String idempotencyKey, String workflow) {
}
