package io.cardlink.engine.internal;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.store.EchoLedger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The echo ledger in memory, with the rules of the JDBC one. */
final class MemoryEchoLedger implements EchoLedger {

    final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void record(Collection<Entry> written) {
        written.forEach(entry -> entries.put(key(entry.connectorId(), entry.direction(), entry.keyAttribute(),
                entry.uniqueKey()), entry));
    }

    @Override
    public synchronized Map<String, Entry> find(String connectorId, Direction direction, String keyAttribute,
            Collection<String> keys, Instant since) {
        Map<String, Entry> found = new HashMap<>();
        for (String key : keys) {
            Entry entry = entries.get(key(connectorId, direction, keyAttribute, key));
            if (entry != null && !entry.writtenAt().isBefore(since)) {
                found.put(key, entry);
            }
        }
        return found;
    }

    @Override
    public synchronized void forget(String connectorId, String keyAttribute, String key) {
        for (Direction direction : Direction.values()) {
            entries.remove(key(connectorId, direction, keyAttribute, key));
        }
    }

    @Override
    public synchronized long purge(Instant before) {
        int size = entries.size();
        entries.values().removeIf(entry -> entry.writtenAt().isBefore(before));
        return size - entries.size();
    }

    synchronized long count(Direction direction) {
        return entries.values().stream().filter(entry -> entry.direction() == direction).count();
    }

    private static String key(String connectorId, Direction direction, String keyAttribute, String key) {
        return connectorId + "/" + direction + "/" + keyAttribute + "/" + key;
    }
}
