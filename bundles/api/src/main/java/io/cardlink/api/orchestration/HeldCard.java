package io.cardlink.api.orchestration;

import java.time.Instant;

/**
 * A card of an event task that the loop guard holds: it was written too often in a short time, as two instances
 * that keep sending it back and forth do. Its operations are {@link OperationStatus#HELD} until an operator
 * releases it.
 *
 * @param cardKey          the card's key, as {@link Operation#cardKey()}
 * @param reason           why it is held
 * @param heldOperations   how many of its operations are held now
 */
public record HeldCard(String connectorId, String taskId, String cardKey, Instant heldAt, String reason,
        long heldOperations) {
}
