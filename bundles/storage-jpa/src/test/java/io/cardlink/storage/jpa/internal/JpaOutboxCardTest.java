package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.OutboxStore.Entry;
import io.cardlink.api.task.EventOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The outbox per card: order, the loop guard's hold and release, dead operations replayed and discarded. */
class JpaOutboxCardTest extends StoreTestBase {

    // whole milliseconds: PostgreSQL keeps microseconds, Java's clock may have more
    private static final Instant LATER = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(3600);

    @Test
    void operationsOfOneCardAreClaimedOneAtATimeInTheirOrderAndOtherCardsGoOn() {
        String task = newTask();
        Operation create = add(task, "K-1", EventOperation.CREATE);
        Operation update = add(task, "K-1", EventOperation.UPDATE);
        Operation other = add(task, "K-2", EventOperation.CREATE);
        Operation delete = add(task, "K-1", EventOperation.DELETE);

        assertEquals(List.of(create.id(), other.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
        assertEquals(List.of(), outbox.claim(update.id(), "node-b", LATER, lease()).stream().toList());

        // a retry keeps the later ones waiting: an older write never lands after a newer one
        outbox.retryLater(create.id(), "node-a", LATER, "503");
        assertEquals(List.of(create.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
        outbox.finish(create.id(), "node-a", OperationStatus.SUCCEEDED, "1", null, LATER);
        assertEquals(List.of(update.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
        outbox.finish(update.id(), "node-a", OperationStatus.FAILED, null, "refused", LATER);
        // a failed operation is final and keeps nothing waiting
        assertEquals(List.of(delete.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
    }

    @Test
    void acceptsOfOneCardAtOnceAreDeliveredOneAtATimeInTheOrderEachCallerSentThem() throws Exception {
        String task = newTask();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<List<String>> sent = new ArrayList<>();
        try {
            List<Callable<List<String>>> bursts = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                bursts.add(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mine.add(add(task, "K-9", EventOperation.UPDATE).id());
                    }
                    return mine;
                });
            }
            for (Future<List<String>> burst : callers.invokeAll(bursts)) {
                sent.add(burst.get());
            }
        } finally {
            callers.shutdownNow();
        }

        List<String> delivered = new ArrayList<>();
        List<Entry> claimed;
        while (!(claimed = outbox.claimDue("node-a", LATER, lease(), 10)).isEmpty()) {
            assertEquals(1, claimed.size(), "one operation of the card at a time");
            String id = claimed.get(0).operation().id();
            delivered.add(id);
            outbox.finish(id, "node-a", OperationStatus.SUCCEEDED, "1", null, LATER);
        }
        assertEquals(40, delivered.size());
        for (List<String> caller : sent) {
            List<Integer> positions = caller.stream().map(delivered::indexOf).toList();
            assertEquals(positions.stream().sorted().toList(), positions, "a caller's operations in its order");
        }
        assertEquals(40, outbox.countWrites(task, "K-9", LATER.minusSeconds(1)));
    }

    @Test
    void aDeadOperationKeepsTheLaterOnesOfItsCardWaitingUntilItIsReplayedOrDiscarded() {
        String task = newTask();
        Operation first = add(task, "K-1", EventOperation.CREATE);
        Operation second = add(task, "K-1", EventOperation.UPDATE);
        outbox.claim(first.id(), "node-a", LATER, lease()).orElseThrow();
        Operation dead = outbox.finish(first.id(), "node-a", OperationStatus.DEAD, null, "gave up", LATER)
                .orElseThrow();
        assertEquals(OperationStatus.DEAD, dead.status());
        assertEquals(List.of(), outbox.claimDue("node-a", LATER, lease(), 10));

        Operation replayed = outbox.replay(first.id(), LATER);
        assertEquals(OperationStatus.PENDING, replayed.status());
        assertEquals(0, replayed.attempts());
        assertNull(replayed.completedAt());
        assertNull(replayed.provisioningException());
        assertThrows(ConflictException.class, () -> outbox.replay(first.id(), LATER));
        assertThrows(NotFoundException.class, () -> outbox.replay("no-such-operation", LATER));
        assertEquals(List.of(first.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
        outbox.finish(first.id(), "node-a", OperationStatus.DEAD, null, "gave up again", LATER);

        Operation discarded = outbox.discard(first.id(), "discarded by admin", LATER);
        assertEquals(OperationStatus.DISCARDED, discarded.status());
        assertEquals("discarded by admin", discarded.reason());
        assertThrows(ConflictException.class, () -> outbox.discard(first.id(), "again", LATER));
        assertEquals(List.of(second.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));
    }

    @Test
    void deadOperationsOfATaskAreReplayedOrDiscardedTogether() {
        String task = newTask();
        for (String key : List.of("K-1", "K-2", "K-3")) {
            Operation operation = add(task, key, EventOperation.CREATE);
            outbox.claim(operation.id(), "node-a", LATER, lease()).orElseThrow();
            outbox.finish(operation.id(), "node-a", OperationStatus.DEAD, null, "gave up", LATER);
        }

        assertEquals(3, outbox.replayDead(task, LATER));
        assertEquals(3, outbox.claimDue("node-a", LATER, lease(), 10).size());
        for (Operation running : outbox.listForTask(task, OperationStatus.RUNNING, 10)) {
            outbox.finish(running.id(), "node-a", OperationStatus.DEAD, null, "gave up", LATER);
        }
        assertEquals(3, outbox.discardAll(task, OperationStatus.DEAD, "discarded by admin", LATER));
        assertEquals(3, outbox.listForTask(task, OperationStatus.DISCARDED, 10).size());
        assertThrows(io.cardlink.api.ValidationException.class,
                () -> outbox.discardAll(task, OperationStatus.PENDING, "no", LATER));
    }

    @Test
    void aHeldCardHoldsItsOperationsUntilItIsReleasedAndItsCountStartsAgain() {
        String task = newTask();
        Operation written = add(task, "K-1", EventOperation.UPDATE);
        outbox.claim(written.id(), "node-a", LATER, lease()).orElseThrow();
        outbox.finish(written.id(), "node-a", OperationStatus.SUCCEEDED, "1", null, LATER);
        Operation tripping = add(task, "K-1", EventOperation.UPDATE);
        Operation waiting = add(task, "K-1", EventOperation.UPDATE);
        Operation otherCard = add(task, "K-2", EventOperation.UPDATE);
        assertEquals(1, outbox.countWrites(task, "K-1", LATER.minusSeconds(60)));
        outbox.claim(tripping.id(), "node-a", LATER, lease()).orElseThrow();

        Operation held = outbox.hold(tripping.id(), "node-a", "too many writes", LATER).orElseThrow();

        assertEquals(OperationStatus.HELD, held.status());
        assertEquals("too many writes", held.reason());
        assertEquals(0, held.attempts());
        assertEquals(OperationStatus.HELD, outbox.find(waiting.id()).orElseThrow().status());
        assertEquals(OperationStatus.HELD, add(task, "K-1", EventOperation.UPDATE).status());
        assertEquals(OperationStatus.PENDING, outbox.find(otherCard.id()).orElseThrow().status());
        List<HeldCard> cards = outbox.heldCards(task);
        assertEquals(1, cards.size());
        assertEquals("K-1", cards.get(0).cardKey());
        assertEquals("too many writes", cards.get(0).reason());
        assertEquals(3, cards.get(0).heldOperations());
        assertEquals(cards, outbox.heldCards(null));
        assertEquals(List.of(otherCard.id()), ids(outbox.claimDue("node-a", LATER, lease(), 10)));

        Instant released = LATER.plusSeconds(1);
        assertEquals(3, outbox.releaseCard(task, "K-1", released));

        assertEquals(List.of(), outbox.heldCards(task));
        assertThrows(NotFoundException.class, () -> outbox.releaseCard(task, "K-1", released));
        assertEquals(0, outbox.countWrites(task, "K-1", LATER.minusSeconds(60)), "counted again from the release");
        assertEquals(List.of(tripping.id()), ids(outbox.claimDue("node-a", released, lease(), 10)));
    }

    @Test
    void aHeldOperationCanBeDiscardedAndAnotherNodeCantHoldWhatItDoesNotRun() {
        String task = newTask();
        Operation operation = add(task, "K-1", EventOperation.UPDATE);
        assertEquals(java.util.Optional.empty(), outbox.hold(operation.id(), "node-a", "x", LATER));
        outbox.claim(operation.id(), "node-a", LATER, lease()).orElseThrow();
        assertEquals(java.util.Optional.empty(), outbox.hold(operation.id(), "node-b", "x", LATER));
        outbox.hold(operation.id(), "node-a", "too many writes", LATER).orElseThrow();

        assertEquals(1, outbox.discardAll(task, OperationStatus.HELD, "discarded by admin", LATER));

        assertEquals(OperationStatus.DISCARDED, outbox.find(operation.id()).orElseThrow().status());
        assertEquals(0, outbox.heldCards(task).get(0).heldOperations());
    }

    @Test
    void suppressedAndFailedOperationsAreFinishedAtOnceAndNeverClaimed() {
        String task = newTask();
        Operation suppressed = outbox.add(Operation.accepted(task, null, EventOperation.UPDATE, "K-1", "500001", null,
                null, "wf-engine", OperationStatus.SUPPRESSED, null, "an echo"), card("K-1"), "fp");
        Operation failed = outbox.add(Operation.accepted(task, null, EventOperation.UPDATE, "K-1", null, null,
                null, "wf-engine", OperationStatus.FAILED, "customer: no remote card", null), card("K-1"), "fp");

        assertEquals(OperationStatus.SUPPRESSED, suppressed.status());
        assertEquals("an echo", suppressed.reason());
        assertEquals("500001", suppressed.localCardId());
        assertEquals(suppressed.createdAt(), suppressed.completedAt());
        assertNull(suppressed.nextAttemptAt());
        assertEquals("customer: no remote card", failed.provisioningException());
        assertEquals(List.of(), outbox.claimDue("node-a", LATER, lease(), 10));

        Operation echo = add(task, "K-2", EventOperation.UPDATE);
        outbox.claim(echo.id(), "node-a", LATER, lease()).orElseThrow();
        Operation later = outbox.suppress(echo.id(), "node-a", "an echo found when written", LATER).orElseThrow();
        assertEquals(OperationStatus.SUPPRESSED, later.status());
        assertEquals(0, later.attempts());
        assertEquals(LATER, later.completedAt());
        assertEquals("an echo found when written", later.reason());
        assertThrows(io.cardlink.api.ValidationException.class, () -> outbox.add(Operation.accepted(task, null,
                EventOperation.UPDATE, "K-1", null, null, null, null, OperationStatus.RUNNING, null, null),
                card("K-1"), "fp"));
    }

    private static String newTask() {
        return tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
    }

    private static Operation add(String task, String cardKey, EventOperation operation) {
        return outbox.add(Operation.accepted(task, null, operation, cardKey, null, null, null, "wf-engine",
                OperationStatus.PENDING, null, null), card(cardKey), "fp");
    }

    private static Instant lease() {
        return LATER.plusSeconds(600);
    }

    private static List<String> ids(List<Entry> entries) {
        return entries.stream().map(entry -> entry.operation().id()).toList();
    }

    private static DataCard card(String key) {
        return DataCard.draft(null, null, Map.of("efecte_id", List.of(new StringValue(key))));
    }
}
