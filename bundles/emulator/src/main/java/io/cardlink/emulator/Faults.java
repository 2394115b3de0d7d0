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

    /** Breaks the connection of every stream response after this many cards; 0 or less switches it off. */
    Faults dropStreamAfter(int cards);

    /** When on, a list call that finds nothing answers 404 instead of 200 with {@code data: []}. */
    Faults emptyListAs404(boolean on);

    /** Switches every fault off. */
    Faults clear();
}
