package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.CardTimelineService;
import io.cardlink.api.timeline.CardTimelineStore;
import io.cardlink.api.timeline.LastSeen;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reads card timelines for REST, the shell and the console: a card named by key, local id or remote id. */
@Component(service = CardTimelineService.class)
public class CardTimelines implements CardTimelineService {

    private final ConnectorStore connectors;
    private final CardTimelineStore store;

    @Activate
    public CardTimelines(@Reference ConnectorStore connectors, @Reference CardTimelineStore store) {
        this.connectors = connectors;
        this.store = store;
    }

    @Override
    public CardTimeline timeline(String connector, CardLookup lookup, String value) {
        new Validation().require("connector", connector).require("lookup", lookup)
                .require(lookup == null ? "key" : field(lookup), blank(value) ? null : value).throwIfInvalid();
        Connector owner = connectors.find(connector).or(() -> connectors.findByName(connector))
                .orElseThrow(() -> new NotFoundException("no connector with id or name '" + connector + "'"));
        Optional<String> key = store.keyOf(owner.id(), lookup, value.trim());
        if (key.isEmpty()) {
            return new CardTimeline(owner.id(), null, List.of(), List.of(), false);
        }
        List<CardEvent> events = store.find(owner.id(), key.get(), MAX_EVENTS + 1);
        boolean truncated = events.size() > MAX_EVENTS;
        return new CardTimeline(owner.id(), key.get(), truncated ? events.subList(1, events.size()) : events,
                lastSeen(store.completeReads(owner.id()), events), truncated);
    }

    /**
     * Per scheduled task that read the card, the later of its newest entry of a run that read the card (all but a
     * removal, which says the run did not see it) and the task's newest complete read, unless the task's newest entry
     * for the card is a removal (then the complete reads after it did not see it); the newest first.
     */
    static List<LastSeen> lastSeen(List<LastSeen> completeReads, List<CardEvent> events) {
        Map<String, LastSeen> byTask = new HashMap<>();
        Map<String, CardEvent> newestByTask = new HashMap<>();
        for (CardEvent event : events) {
            if (event.direction() != Direction.READ) {
                continue;
            }
            newestByTask.put(event.taskId(), event);
            if (event.kind() != CardEventKind.REMOVED) {
                byTask.merge(event.taskId(), new LastSeen(event.taskId(), event.at(), event.runId()),
                        CardTimelines::later);
            }
        }
        for (LastSeen read : completeReads) {
            CardEvent newest = newestByTask.get(read.taskId());
            if (newest != null && newest.kind() != CardEventKind.REMOVED && !read.at().isBefore(newest.at())) {
                byTask.merge(read.taskId(), read, CardTimelines::later);
            }
        }
        return byTask.values().stream().sorted(Comparator.comparing(LastSeen::at).reversed()).toList();
    }

    private static LastSeen later(LastSeen one, LastSeen other) {
        return other.at().isAfter(one.at()) ? other : one;
    }

    /** The request field that names the card in this way. */
    static String field(CardLookup lookup) {
        return switch (lookup) {
            case KEY -> "key";
            case LOCAL_ID -> "localId";
            case REMOTE_ID -> "remoteId";
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
