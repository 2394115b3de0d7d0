package io.cardlink.api.connector;

/**
 * Finds cards by their ids or by the values of one attribute ({@link CardMatch}): how the engine finds the card an
 * event writes over, and the remote cards that references name.
 */
public interface KeyLookup {

    /**
     * Streams the cards of the request that {@code match} picks, as {@link FullRead#read} does; a value matches
     * only as a whole, it never changes the condition.
     */
    CardCursor find(ReadRequest request, CardMatch match);
}
