package io.cardlink.emulator;

import java.util.Map;

/**
 * What an emulated instance has served since it started or was last reset: requests by endpoint name (such as
 * {@code login}, {@code list}, {@code stream}, {@code create}, {@code bulk}, {@code patch}; the README lists them)
 * and the cards that API writes created, updated and deleted. Test helpers ({@code put}, {@code generate}) are
 * not counted.
 */
public record EmulatorCounters(Map<String, Long> requests, long cardsCreated, long cardsUpdated, long cardsDeleted) {

    public EmulatorCounters {
        requests = Map.copyOf(requests);
    }

    /** Requests served by one endpoint; 0 when it was never called. */
    public long requests(String endpoint) {
        return requests.getOrDefault(endpoint, 0L);
    }

    /** Every request, of any endpoint. */
    public long totalRequests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cards created, updated or deleted through the API: 0 after a run that changed nothing. */
    public long cardsWritten() {
        return cardsCreated + cardsUpdated + cardsDeleted;
    }
}
