package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.api.timeline.CardTimelineStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutcomeEntriesTest {

    /** A timeline whose first write waits until the test lets it go, so that outcomes queue up behind it. */
    private static final class GatedTimeline extends MemoryTimeline {
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void record(Collection<CardEvent> recorded) {
            firstWriteStarted.countDown();
            try {
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                writes.add(recorded.size());
            }
            super.record(recorded);
        }
    }

    @Test
    void outcomesThatArriveWhileAnEntryIsWrittenShareTheNextTransactionInTheirOrder() throws Exception {
        GatedTimeline timeline = new GatedTimeline();
        try (OutcomeEntries entries = new OutcomeEntries(new CardEvents(timeline, Clock.systemUTC()), "test-timeline")) {
            entries.add(done("op-0", "K-0", OperationStatus.SUCCEEDED));
            assertTrue(timeline.firstWriteStarted.await(10, TimeUnit.SECONDS));
            IntStream.rangeClosed(1, 50).forEach(i -> entries.add(done("op-" + i, "K-" + i % 3,
                    i % 10 == 0 ? OperationStatus.FAILED : OperationStatus.SUCCEEDED)));
            // still running: no entry, and none from a card key too long for the timeline
            entries.add(done("op-running", "K-0", OperationStatus.RUNNING));
            entries.add(done("op-long-key", "K".repeat(CardTimelineStore.MAX_KEY_LENGTH + 1),
                    OperationStatus.SUCCEEDED));
            timeline.letGo.countDown();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (timeline.events.size() < 51 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        assertEquals(51, timeline.events.size());
        assertEquals(List.of(1, 50), timeline.writes, "the 50 queued outcomes went in one write");
        assertEquals(IntStream.rangeClosed(0, 50).mapToObj(i -> "op-" + i).toList(),
                timeline.events.stream().map(CardEvent::operationId).toList());
        CardEvent refused = timeline.events.get(10);
        assertEquals(CardEventKind.REFUSED, refused.kind());
        assertEquals("the remote said no", refused.message());
        assertEquals(CardEventKind.WRITTEN, timeline.events.get(1).kind());
        assertEquals("create", timeline.events.get(1).message());
    }

    private static Operation done(String id, String cardKey, OperationStatus status) {
        Instant now = Instant.now();
        return new Operation(id, "task-1", "conn-1", EventOperation.CREATE, cardKey, null, null, "wf", "engine",
                status, 1, null, status == OperationStatus.SUCCEEDED ? "R-" + id : null,
                status == OperationStatus.FAILED ? "the remote said no" : null, null, now, now);
    }
}
