package io.cardlink.esm.client.internal;

import io.cardlink.api.connector.RetryCounts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The retries of one client by cause; counted from any thread. */
final class RetryTally {
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    void count(String cause) {
        byCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    RetryCounts snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byCause.forEach((cause, n) -> counts.put(cause, n.sum()));
        return new RetryCounts(counts);
    }
}
