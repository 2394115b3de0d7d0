package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.store.OutboxStore;
import io.cardlink.api.store.OutboxStore.Entry;
import io.cardlink.api.task.EventOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JpaOutboxStoreTest extends StoreTestBase {

    // whole milliseconds: PostgreSQL keeps microseconds, Java's clock may have more
    private static final Instant LATER = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(3600);

    @Test
    void anOperationKeepsItsCardWithEveryValueType() {
        String connector = newConnector("prod");
        String task = tasks.createEvent(Fixtures.event(connector, "push")).id();
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("subject", List.of(new StringValue("printer 'down'")));
        attributes.put("priority", List.of(NumberValue.of(3)));
        attributes.put("due", List.of(new DateValue(LocalDate.parse("2026-03-01"))));
        attributes.put("seen", List.of(new DateTimeValue(Instant.parse("2026-03-01T10:15:30Z"))));
        attributes.put("owner", List.of(new ReferenceValue("42", "Ada", "person")));
        attributes.put("status", List.of(new StaticValue("Open", "open")));
        attributes.put("cleared", List.of());
        DataCard card = DataCard.draft(null, null, attributes);

        Operation added = outbox.add(request(task, "k-1"), card, "fp");

        assertEquals(OperationStatus.PENDING, added.status());
        assertEquals(connector, added.connectorId());
        assertEquals(0, added.attempts());
        assertEquals(added.createdAt(), added.nextAttemptAt());
        Entry claimed = outbox.claim(added.id(), "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        assertEquals(card, claimed.card());
        assertEquals(OperationStatus.RUNNING, claimed.operation().status());
        assertEquals(1, claimed.operation().attempts());
    }

    @Test
    void theSameIdempotencyKeyForTheSameTaskGivesTheFirstOperationAndWritesNothing() throws Exception {
        String connector = newConnector("prod");
        String task = tasks.createEvent(Fixtures.event(connector, "push")).id();
        String other = tasks.createEvent(Fixtures.event(connector, "push 2")).id();

        Operation first = outbox.add(request(task, "order-7"), card("A"), "fp-a");
        Operation again = outbox.add(request(task, "order-7"), card("A"), "fp-a");
        Operation otherTask = outbox.add(request(other, "order-7"), card("A"), "fp-a");
        Operation withoutKey1 = outbox.add(request(task, null), card("A"), "fp-a");
        Operation withoutKey2 = outbox.add(request(task, null), card("A"), "fp-a");

        assertEquals(first.id(), again.id());
        assertEquals(Optional.of(first), outbox.repeated(task, "order-7", "fp-a"));
        assertEquals(Optional.empty(), outbox.repeated(task, "order-8", "fp-a"));
        assertTrue(!otherTask.id().equals(first.id()));
        assertTrue(!withoutKey1.id().equals(withoutKey2.id()));
        assertEquals(3, outbox.listForTask(task, null, 10).size());

        // the same key with another request: refused, nothing written
        ConflictException refused = assertThrows(ConflictException.class,
                () -> outbox.add(request(task, "order-7"), card("B"), "fp-b"));
        assertTrue(refused.getMessage().contains("order-7"), refused.getMessage());
        assertThrows(ConflictException.class, () -> outbox.repeated(task, "order-7", "fp-b"));
        assertEquals(3, outbox.listForTask(task, null, 10).size());

        // many callers with one key at once: one operation
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Callable<String> add = () -> outbox.add(request(task, "burst"), card("A"), "fp-a").id();
            List<String> ids = new ArrayList<>();
            for (Future<String> id : callers.invokeAll(List.of(add, add, add, add))) {
                ids.add(id.get());
            }
            assertEquals(1, ids.stream().distinct().count());
        } finally {
            callers.shutdownNow();
        }
        assertEquals(4, outbox.listForTask(task, null, 10).size());
    }

    @Test
    void anOperationRecordsWhoSubmittedItAndTheUseOfItsWorkflow() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();

        Operation first = outbox.add(request(task, "a"), card("A"), "fp-a");
        outbox.add(request(task, "b"), card("B"), "fp-b");
        outbox.add(request(task, "b"), card("B"), "fp-b");

        assertEquals("wf-engine", first.submittedBy());
        WorkflowReference used = references.forTask(task, Instant.EPOCH).stream()
                .filter(r -> r.workflow().equals("wf-onboarding")).findFirst().orElseThrow();
        assertEquals(2, used.useCount(), "a repeated request is not a new use");
        assertEquals(first.createdAt(), used.firstUsedAt());
        assertTrue(!used.lastUsedAt().isBefore(used.firstUsedAt()));
        assertEquals("push", used.taskName());
        assertTrue(references.forTask(task, Instant.now().plusSeconds(60)).stream().allMatch(WorkflowReference::stale));
        assertEquals(3, references.forConnector(first.connectorId(), Instant.EPOCH).size());
    }

    @Test
    void anOperationOfAnUnknownTaskIsRefused() {
        assertThrows(NotFoundException.class, () -> outbox.add(request("no-such-task", "k"), card("A"), "fp"));
    }

    @Test
    void aClaimIsExclusiveAmongConcurrentDispatchers() throws Exception {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        List<String> added = IntStream.range(0, 20)
                .mapToObj(i -> outbox.add(request(task, "k-" + i, "C" + i), card("C" + i), "fp").id()).toList();

        ExecutorService dispatchers = Executors.newFixedThreadPool(4);
        List<String> claimed = new ArrayList<>();
        try {
            List<Callable<List<String>>> rounds = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                String owner = "node-" + d;
                rounds.add(() -> {
                    List<String> mine = new ArrayList<>();
                    List<Entry> batch;
                    while (!(batch = outbox.claimDue(owner, LATER, LATER.plusSeconds(60), 3)).isEmpty()) {
                        batch.forEach(entry -> mine.add(entry.operation().id()));
                    }
                    return mine;
                });
            }
            for (Future<List<String>> result : dispatchers.invokeAll(rounds)) {
                claimed.addAll(result.get());
            }
        } finally {
            dispatchers.shutdownNow();
        }

        assertEquals(20, claimed.size(), "every operation claimed once: " + claimed);
        assertEquals(new HashSet<>(added), new HashSet<>(claimed));
        assertTrue(outbox.listForTask(task, OperationStatus.RUNNING, 50).stream().allMatch(o -> o.attempts() == 1));
        // a claim held by another dispatcher is not taken while its lease runs
        assertEquals(Optional.empty(), outbox.claim(added.get(0), "node-x", LATER, LATER.plusSeconds(60)));
        assertEquals(List.of(), outbox.claimDue("node-x", LATER.plusSeconds(59), LATER.plusSeconds(120), 50));
    }

    @Test
    void aRunningOperationWhoseLeaseRanOutIsClaimedAgainAndTheFormerOwnerCantFinishIt() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        String id = outbox.add(request(task, "k"), card("A"), "fp").id();
        outbox.claim(id, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();

        Entry taken = outbox.claimDue("node-b", LATER.plusSeconds(61), LATER.plusSeconds(120), 5).get(0);

        assertEquals(2, taken.operation().attempts());
        assertEquals(Optional.empty(), outbox.finish(id, "node-a", OperationStatus.SUCCEEDED, "1", null, LATER));
        Operation done = outbox.finish(id, "node-b", OperationStatus.SUCCEEDED, "77", null, LATER).orElseThrow();
        assertEquals(OperationStatus.SUCCEEDED, done.status());
        assertEquals("77", done.remoteId());
        assertNull(done.nextAttemptAt());
        assertEquals(LATER, done.completedAt());
        assertEquals(List.of(), outbox.claimDue("node-c", LATER.plusSeconds(999), LATER.plusSeconds(9999), 5));
    }

    @Test
    void aClaimMovedOnIsNotTakenUntilItsNewEndAndOnlyItsOwnerCanMoveIt() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        String id = outbox.add(request(task, "k"), card("A"), "fp").id();
        outbox.claim(id, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();

        assertEquals(OperationStatus.RUNNING, outbox.extendLease(id, "node-a", LATER.plusSeconds(900)).orElseThrow()
                .status());
        assertEquals(Optional.empty(), outbox.extendLease(id, "node-b", LATER.plusSeconds(9999)));

        assertEquals(List.of(), outbox.claimDue("node-b", LATER.plusSeconds(899), LATER.plusSeconds(999), 5));
        assertEquals(1, outbox.claimDue("node-b", LATER.plusSeconds(900), LATER.plusSeconds(999), 5).size());
        assertEquals(Optional.empty(), outbox.extendLease(id, "node-a", LATER.plusSeconds(2000)));
    }

    @Test
    void aRetryWaitsUntilItsTimeAndKeepsTheFailure() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        String id = outbox.add(request(task, "k"), card("A"), "fp").id();
        outbox.claim(id, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();

        Operation waiting = outbox.retryLater(id, "node-a", LATER.plusSeconds(30), "503 Service Unavailable")
                .orElseThrow();

        assertEquals(OperationStatus.PENDING, waiting.status());
        assertEquals("503 Service Unavailable", waiting.provisioningException());
        assertEquals(List.of(), outbox.claimDue("node-a", LATER.plusSeconds(29), LATER.plusSeconds(90), 5));
        assertEquals(1, outbox.claimDue("node-a", LATER.plusSeconds(30), LATER.plusSeconds(90), 5).size());
        Operation failed = outbox.finish(id, "node-a", OperationStatus.FAILED, null, "x".repeat(5000), LATER)
                .orElseThrow();
        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals(OutboxEntity.MAX_PROVISIONING_EXCEPTION, failed.provisioningException().length());
        assertEquals(List.of(failed), outbox.listForTask(task, OperationStatus.FAILED, 10));
        assertEquals(List.of(), outbox.listForTask(task, OperationStatus.PENDING, 10));
    }

    @Test
    void theBacklogCountsWaitingDeadAndHeldAcrossTasks() {
        assertEquals(new OutboxStore.Backlog(0, null, 0, 0), outbox.backlog());
        String connector = newConnector("prod");
        String task = tasks.createEvent(Fixtures.event(connector, "push")).id();
        String other = tasks.createEvent(Fixtures.event(connector, "pull")).id();
        Operation first = outbox.add(request(task, "a", "A"), card("A"), "fp");
        String running = outbox.add(request(other, "b", "B"), card("B"), "fp").id();
        String dead = outbox.add(request(other, "c", "C"), card("C"), "fp").id();
        String held = outbox.add(request(task, "d", "D"), card("D"), "fp").id();
        outbox.claim(running, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.claim(dead, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.finish(dead, "node-a", OperationStatus.DEAD, null, "gave up", LATER).orElseThrow();
        outbox.claim(held, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.hold(held, "node-a", "too many writes", LATER).orElseThrow();

        OutboxStore.Backlog backlog = outbox.backlog();

        assertEquals(2, backlog.waiting());
        assertEquals(first.createdAt(), backlog.oldestWaitingSince());
        assertEquals(1, backlog.dead());
        assertEquals(1, backlog.heldCards());
    }

    @Test
    void anAcceptClaimsItsOperationInItsTransactionOnlyWhenNothingEarlierOfTheCardWaits() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        OutboxStore.Claim claim = new OutboxStore.Claim("node-a", LATER.plusSeconds(600));

        OutboxStore.Accepted first = outbox.accept(request(task, "a-1", "A"), card("A"), "fp-1", claim);
        OutboxStore.Accepted second = outbox.accept(request(task, "a-2", "A"), card("A"), "fp-2", claim);
        OutboxStore.Accepted otherCard = outbox.accept(request(task, "b-1", "B"), card("B"), "fp-3", claim);
        OutboxStore.Accepted repeat = outbox.accept(request(task, "a-1", "A"), card("A"), "fp-1", claim);

        assertTrue(first.claimed());
        assertEquals(OperationStatus.RUNNING, first.operation().status());
        assertEquals(1, first.operation().attempts());
        assertNull(first.operation().nextAttemptAt());
        assertEquals(OperationStatus.RUNNING, outbox.find(first.operation().id()).orElseThrow().status());
        assertTrue(!second.claimed(), "the card's first operation is still running");
        assertEquals(OperationStatus.PENDING, second.operation().status());
        assertTrue(otherCard.claimed(), "another card does not wait");
        assertTrue(!repeat.claimed());
        assertEquals(first.operation().id(), repeat.operation().id());
        assertEquals(3, outbox.listForTask(task, null, 10).size());
        // the claimed ones are not handed out again while their lease runs; the second goes once the first is done
        assertTrue(outbox.claimDue("node-b", LATER, LATER.plusSeconds(60), 5).isEmpty());
        outbox.finish(first.operation().id(), "node-a", OperationStatus.SUCCEEDED, "r-1", null, LATER).orElseThrow();
        assertEquals(second.operation().id(),
                outbox.claimDue("node-b", LATER, LATER.plusSeconds(60), 5).get(0).operation().id());

        // a held card's new operation is held, not claimed; without a claim an accept stores it as add does
        String held = outbox.accept(request(task, "c-1", "C"), card("C"), "fp", null).operation().id();
        outbox.claim(held, "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.hold(held, "node-a", "too many writes", LATER).orElseThrow();
        OutboxStore.Accepted afterHold = outbox.accept(request(task, "c-2", "C"), card("C"), "fp", claim);
        assertTrue(!afterHold.claimed());
        assertEquals(OperationStatus.HELD, afterHold.operation().status());
        assertEquals(OperationStatus.PENDING, outbox.accept(request(task, "d-1", "D"), card("D"), "fp", null)
                .operation().status());
    }

    @Test
    void releaseGivesBackWhatAStoppedNodeLeftRunning() {
        String task = tasks.createEvent(Fixtures.event(newConnector("prod"), "push")).id();
        String mine = outbox.add(request(task, "a", "A"), card("A"), "fp").id();
        String theirs = outbox.add(request(task, "b", "B"), card("B"), "fp").id();
        outbox.claim(mine, "node-a", LATER, LATER.plusSeconds(600)).orElseThrow();
        outbox.claim(theirs, "node-b", LATER, LATER.plusSeconds(600)).orElseThrow();

        assertEquals(1, outbox.release("node-a"));

        assertEquals(OperationStatus.PENDING, outbox.find(mine).orElseThrow().status());
        assertEquals(OperationStatus.RUNNING, outbox.find(theirs).orElseThrow().status());
        assertEquals(mine, outbox.claimDue("node-a", LATER, LATER.plusSeconds(60), 5).get(0).operation().id());
    }

    @Test
    void finishedOperationsGoWhenTheirDaysAreOverAndWithTheirTask() {
        String connector = newConnector("prod");
        String task = tasks.createEvent(Fixtures.event(connector, "push")).id();
        Operation done = outbox.add(request(task, "done-1"), card("1"), "fp");
        outbox.claim(done.id(), "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.finish(done.id(), "node-a", OperationStatus.SUCCEEDED, "remote-1", null, LATER);
        Operation waiting = outbox.add(request(task, "waiting-1"), card("2"), "fp");

        assertEquals(0, outbox.removeFinished(LATER));
        assertEquals(1, outbox.removeFinished(LATER.plusSeconds(1)));
        assertTrue(outbox.find(done.id()).isEmpty());
        assertTrue(outbox.find(waiting.id()).isPresent());

        Operation second = outbox.add(request(task, "done-2"), card("3"), "fp");
        outbox.claim(second.id(), "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.finish(second.id(), "node-a", OperationStatus.FAILED, null, "refused", LATER);
        tasks.deleteEvent(task);

        assertTrue(outbox.find(second.id()).isEmpty(), "a removed task's finished operations go with it");
        assertTrue(outbox.find(waiting.id()).isPresent(), "a pending one stays: it fails when it is tried");
    }

    @Test
    void aRemovedConnectorTakesTheFinishedOperationsOfItsTasks() {
        String connector = newConnector("gone");
        String task = tasks.createEvent(Fixtures.event(connector, "push")).id();
        Operation done = outbox.add(request(task, "done-1"), card("1"), "fp");
        outbox.claim(done.id(), "node-a", LATER, LATER.plusSeconds(60)).orElseThrow();
        outbox.finish(done.id(), "node-a", OperationStatus.SUCCEEDED, "remote-1", null, LATER);

        connectors.delete(connector);

        assertTrue(outbox.find(done.id()).isEmpty());
    }

    private static Operation request(String taskId, String key) {
        return request(taskId, key, null);
    }

    private static Operation request(String taskId, String key, String cardKey) {
        return Operation.accepted(taskId, null, EventOperation.CREATE, cardKey, null, key, "wf-onboarding",
                "wf-engine", OperationStatus.PENDING, null, null);
    }

    private static DataCard card(String key) {
        return DataCard.draft(null, null, Map.of("efecte_id", List.of(new StringValue(key))));
    }
}
