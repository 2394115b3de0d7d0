package io.cardlink.engine.internal;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardTimelineStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the card timelines: the one object the run pipeline ({@link PageLoader}, {@link Removals}) and the outbox
 * ({@link OutboxDispatcher}) hand what they did with a card. A run collects a page's entries and writes them in one
 * batch with the page's bookkeeping; the outbox writes the outcomes of operations in batches too
 * ({@link OutcomeEntries}). The timeline is a record, not part of the
 * work: a failure to write it is logged and the run or operation goes on.
 */
final class CardEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CardEvents.class);

    private final CardTimelineStore store;
    private final Clock clock;

    CardEvents(CardTimelineStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The entries of one run of a scheduled task; a dry run ({@code recorded} false) records nothing. */
    RunEvents forRun(ScheduledTask task, String runId, boolean recorded) {
        return new RunEvents(task, runId, recorded);
    }

    /**
     * Records the outcomes event operations reached (written, refused, suppressed as an echo or held), in one batch;
     * an operation still in progress, or whose card key does not fit a timeline entry, is left out.
     */
    void operations(List<Operation> done) {
        List<CardEvent> events = new ArrayList<>(done.size());
        for (Operation operation : done) {
            CardEvent event = entry(operation);
            if (event != null) {
                events.add(event);
            }
        }
        write(events);
    }

    private CardEvent entry(Operation done) {
        CardEventKind kind = switch (done.status()) {
            case SUCCEEDED -> CardEventKind.WRITTEN;
            case FAILED, DEAD -> CardEventKind.REFUSED;
            case SUPPRESSED -> CardEventKind.SUPPRESSED;
            case HELD -> CardEventKind.HELD;
            default -> null;
        };
        if (kind == null || done.cardKey() == null || done.cardKey().length() > CardTimelineStore.MAX_KEY_LENGTH) {
            return null;
        }
        String message = switch (kind) {
            case WRITTEN -> done.operation().name().toLowerCase(Locale.ROOT);
            case REFUSED -> done.provisioningException();
            default -> done.reason();
        };
        return new CardEvent(done.connectorId(), done.taskId(), Direction.WRITE, done.cardKey(), done.localCardId(),
                done.remoteId(), clock.instant(), kind, null, done.id(), done.workflow(), List.of(), message);
    }

    private void write(List<CardEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store.record(events);
        } catch (RuntimeException e) {
            LOG.warn("{} card timeline entr{} could not be written: {}", events.size(),
                    events.size() == 1 ? "y" : "ies", e.getMessage());
        }
    }

    /** Collects a page's entries of one run; {@link #flush} writes them. */
    final class RunEvents {
        private final ScheduledTask task;
        private final String runId;
        private final boolean recorded;
        private final List<CardEvent> pending = new ArrayList<>();

        private RunEvents(ScheduledTask task, String runId, boolean recorded) {
            this.task = task;
            this.runId = runId;
            this.recorded = recorded;
        }

        void created(String key, String localId, String remoteId, Collection<String> attributes) {
            add(key, localId, remoteId, CardEventKind.CREATED, attributes, null);
        }

        void updated(String key, String localId, String remoteId, Collection<String> attributes) {
            add(key, localId, remoteId, CardEventKind.UPDATED, attributes, null);
        }

        void refused(String key, String localId, String remoteId, String message) {
            add(key, localId, remoteId, CardEventKind.REFUSED, List.of(), message);
        }

        void echo(String key, String localId, String remoteId, String message) {
            add(key, localId, remoteId, CardEventKind.SUPPRESSED, List.of(), message);
        }

        void removed(String key, String localId, String message) {
            add(key, localId, null, CardEventKind.REMOVED, List.of(), message);
        }

        private void add(String key, String localId, String remoteId, CardEventKind kind,
                Collection<String> attributes, String message) {
            if (!recorded) {
                return;
            }
            pending.add(new CardEvent(task.connectorId(), task.id(), Direction.READ, key, localId, remoteId,
                    clock.instant(), kind, runId, null, null, List.copyOf(attributes), message));
        }

        /** Writes the collected entries in one batch. */
        void flush() {
            write(List.copyOf(pending));
            pending.clear();
        }

        /**
         * Keeps this run as the task's newest complete read, after its removal step: every card of the task that it
         * did not mark removed was read by it, so an unchanged card's "last seen" moves with no write per card.
         */
        void completeRead() {
            if (!recorded) {
                return;
            }
            try {
                store.completeRead(task.id(), runId, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("The complete read of run {} could not be saved: {}", runId, e.getMessage());
            }
        }
    }
}
