package io.cardlink.engine.internal;

import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimelineStore;
import io.cardlink.api.timeline.LastSeen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The card timelines in memory; the complete reads of all connectors' tasks (tests use one connector). */
class MemoryTimeline implements CardTimelineStore {

    final List<CardEvent> events = new ArrayList<>();
    final Map<String, LastSeen> completeReads = new LinkedHashMap<>();
    int batches;

    @Override
    public synchronized void record(Collection<CardEvent> recorded) {
        events.addAll(recorded);
        batches++;
    }

    @Override
    public synchronized void completeRead(String taskId, String runId, Instant at) {
        completeReads.put(taskId, new LastSeen(taskId, at, runId));
    }

    @Override
    public synchronized List<CardEvent> find(String connectorId, String cardKey, int limit) {
        List<CardEvent> found = events.stream()
                .filter(e -> e.connectorId().equals(connectorId) && e.cardKey().equals(cardKey)).toList();
        return found.subList(Math.max(0, found.size() - limit), found.size());
    }

    @Override
    public synchronized Optional<String> keyOf(String connectorId, CardLookup lookup, String id) {
        if (lookup == CardLookup.KEY) {
            return Optional.of(id);
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            CardEvent event = events.get(i);
            String eventId = lookup == CardLookup.LOCAL_ID ? event.localId() : event.remoteId();
            if (event.connectorId().equals(connectorId) && id.equals(eventId)) {
                return Optional.of(event.cardKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<LastSeen> completeReads(String connectorId) {
        return new ArrayList<>(completeReads.values());
    }

    @Override
    public synchronized long removeOlderThan(Instant before) {
        int size = events.size();
        events.removeIf(event -> event.at().isBefore(before));
        return size - events.size();
    }

    synchronized List<CardEvent> of(String cardKey) {
        return events.stream().filter(e -> e.cardKey().equals(cardKey)).toList();
    }
}
