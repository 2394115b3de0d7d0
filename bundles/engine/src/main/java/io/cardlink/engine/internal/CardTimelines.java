package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.Validation;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.CardTimelineService;
import io.cardlink.api.timeline.CardTimelineStore;
import java.util.List;
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
                store.lastSeen(owner.id(), key.get()), truncated);
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
