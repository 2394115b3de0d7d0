package io.cardlink.emulator;

import java.time.Duration;

/**
 * Faults an emulated instance injects, switchable while it runs. Each setter returns this object so that calls
 * chain; {@link #clear()} switches every fault off and restores the configured token lifetime.
 */
public interface Faults {

    /** Delays every API request by this much before it is handled; zero switches it off. */
    Faults latency(Duration delay);

    /**
     * Answers this share (0 to 1) of API requests with the given status (500, 503 or 429) instead of handling them.
     * The share is exact and deterministic: 0.25 fails every fourth request. 429 and 503 carry {@code Retry-After: 1}.
     * A share of 0 removes the fault for that status.
     */
    Faults failShare(int status, double share);

    /** Lifetime of tokens issued from now on. */
    Faults tokenLifetime(Duration lifetime);

    /**
     * Delays this share (0 to 1) of API requests by {@code delay} on top of any {@link #latency}, as a busy server
     * answers now and then much later than usual. Dealt deterministically like {@link #failShare}; a share of 0
     * switches it off.
     */
    Faults latencySpikes(double share, Duration delay);

    /** Breaks the connection of every stream response after this many cards; 0 or less switches it off. */
    Faults dropStreamAfter(int cards);

    /**
     * Breaks the connection of the stream response in progress each time the instance has streamed another
     * {@code cards} cards, counted over all stream responses (a card-count multiple of {@code cards} is the last
     * card sent before the break); 0 or less switches it off.
     */
    Faults dropStreamEvery(int cards);

    /**
     * Carries out this share (0 to 1) of write requests and then answers 500 instead of the result, as a server
     * that fails after it committed: the caller can't tell whether the write landed. A bulk write carries out only
     * the first half of its cards (rounded up) before it fails. Dealt deterministically like {@link #failShare} over
     * the write requests that were not failed before; a share of 0 switches it off.
     */
    Faults failAfterWrite(double share);

    /** When on, a list call that finds nothing answers 404 instead of 200 with {@code data: []}. */
    Faults emptyListAs404(boolean on);

    /**
     * Refuses to save any card whose attribute {@code attributeCode} holds a value shown as {@code value} once the
     * write is applied, as an instance refuses a card that breaks one of its validation rules: a create, patch or
     * attribute write answers 400 with the message, and a bulk write reports the card's item as not saved with a
     * {@code RESTError} naming the attribute and carrying the message, and saves the other cards. Attributes the
     * instance fills in on a create ({@code efecte_id}, {@code created}, {@code updated}) are not looked at then.
     * Calls add up: each adds a rule.
     */
    Faults refuseCards(String attributeCode, String value, String message);

    /** Switches every fault off. */
    Faults clear();
}
