package io.cardlink.emulator.internal;

import io.cardlink.emulator.EmulatorCounters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request and write counters of one instance. */
final class CounterState {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder created = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder deleted = new LongAdder();

    void request(String endpoint) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void created() {
        created.increment();
    }

    void updated() {
        updated.increment();
    }

    void deleted() {
        deleted.increment();
    }

    void reset() {
        requests.clear();
        created.reset();
        updated.reset();
        deleted.reset();
    }

    EmulatorCounters snapshot() {
        Map<String, Long> byEndpoint = new TreeMap<>();
        requests.forEach((k, v) -> byEndpoint.put(k, v.sum()));
        return new EmulatorCounters(byEndpoint, created.sum(), updated.sum(), deleted.sum());
    }
}
