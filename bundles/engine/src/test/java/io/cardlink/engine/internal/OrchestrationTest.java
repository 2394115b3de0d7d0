package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.SecretKeyUnavailableException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.orchestration.EventTarget;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-task operations through the outbox to the emulator's remote instance, checked against its local one. */
class OrchestrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NODE = "node-1";
    private static final String USER = "wf-engine";

    private EmulatorServer emulator;
    private EmulatorInstance remoteInstance;
    private EmulatorInstance localInstance;
    private InstanceGateway remote;
    private InstanceGateway local;
    private final MemoryConnectors connectors = new MemoryConnectors();
    /** The type of the connector ("fake"): its capabilities only, the connections come from the emulator. */
    private final TaskFakes.Type type = new TaskFakes.Type(null, null);
    private final ConnectorTypeRegistry types = TaskFakes.registry(type);
    private final TaskFakes.Tasks tasks = new TaskFakes.Tasks();
    private final MemoryOutbox outbox = new MemoryOutbox(tasks.references);
    private final MemoryEchoLedger ledger = new MemoryEchoLedger();
    private final MemoryTimeline timeline = new MemoryTimeline();
    private final List<OutboxDispatcher> dispatchers = new ArrayList<>();
    private final List<LoopGuard> guards = new ArrayList<>();
    private final List<Orchestration> orchestrations = new ArrayList<>();
    private Connector connector;
    private EventTask task;
    private int maxWritesPerCard = 5;
    private Duration callBudget = Duration.ZERO;

    @BeforeEach
    void start() {
        emulator = EmulatorServer.start(EmulatorOptions.defaults());
        remoteInstance = emulator.instance("remote");
        localInstance = emulator.instance("local");
        remote = EmulatorGateways.of(emulator.rootUrl("remote"), PipelineHarness.API);
        local = EmulatorGateways.of(emulator.rootUrl("local"), PipelineHarness.API);
        connector = connectors.add("Orch");
        task = tasks.createEvent(new EventTask(null, connector.id(), "Push persons", "person", null, "person",
                "persons", new Mapping("person", "persons", List.of(new AttributePair("efecte_id", "source_key"),
                        new AttributePair("first_name", "first_name"), new AttributePair("email", "email"),
                        new AttributePair("status", "status")), "cardlink_task_id", "source_key"),
                List.of(), null, null));
    }

    @AfterEach
    void stop() {
        orchestrations.forEach(Orchestration::stop);
        dispatchers.forEach(OutboxDispatcher::stop);
        guards.forEach(LoopGuard::stop);
        emulator.close();
    }

    @Test
    void createUpdateAndDeleteReachTheRemoteWithTheMappedValues() throws InterruptedException {
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada",
                "ada@example.com"), "k-create", null), USER);

        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
        assertEquals(1, created.attempts());
        assertNotNull(created.completedAt());
        assertEquals(USER, created.submittedBy());
        assertEquals("L-1", created.cardKey());
        DataCard written = remoteInstance.find(created.remoteId()).orElseThrow();
        assertEquals("L-1", written.text("source_key"));
        assertEquals("Ada", written.text("first_name"));
        assertEquals("ada@example.com", written.text("email"));
        assertEquals("active", ((StaticValue) written.first("status").orElseThrow()).code());
        assertEquals(task.id(), written.text("cardlink_task_id"));

        Operation updated = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("L-1", "Ada", "ada.lovelace@example.com"), null, null), USER);
        assertEquals(OperationStatus.SUCCEEDED, updated.status(), updated.provisioningException());
        assertEquals(created.remoteId(), updated.remoteId());
        assertEquals("ada.lovelace@example.com", remoteInstance.find(created.remoteId()).orElseThrow().text("email"));

        Operation deleted = orchestration.submit(task.id(), request(EventOperation.DELETE, key("L-1"), null, null),
                USER);
        assertEquals(OperationStatus.SUCCEEDED, deleted.status(), deleted.provisioningException());
        assertTrue(remoteInstance.find("person", "source_key", "L-1").isEmpty());

        Operation deletedAgain = orchestration.submit(task.id(), request(EventOperation.DELETE, key("L-1"), null,
                null), USER);
        assertEquals(OperationStatus.SUCCEEDED, deletedAgain.status());

        Operation updateOfNothing = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("L-404", "Nobody", "n@example.com"), null, null), USER);
        assertEquals(OperationStatus.FAILED, updateOfNothing.status());
        assertTrue(updateOfNothing.provisioningException().contains("no card with key 'L-404'"),
                updateOfNothing.provisioningException());
        assertEquals(List.of(updateOfNothing), orchestration.list(task.id(), OperationStatus.FAILED, 10));
        assertEquals(5, orchestration.list(task.id(), null, 10).size());

        List<CardEvent> timeline = timelineOf("L-1", 4);
        assertEquals(List.of(created.id(), updated.id(), deleted.id(), deletedAgain.id()),
                timeline.stream().map(CardEvent::operationId).toList());
        assertEquals(List.of("create", "update", "delete", "delete"), timeline.stream().map(CardEvent::message).toList());
        CardEvent first = timeline.get(0);
        assertEquals(CardEventKind.WRITTEN, first.kind());
        assertEquals(Direction.WRITE, first.direction());
        assertEquals(created.remoteId(), first.remoteId());
        assertEquals(connector.id(), first.connectorId());
        CardEvent refusal = timelineOf("L-404", 1).get(0);
        assertEquals(CardEventKind.REFUSED, refusal.kind());
        assertEquals(updateOfNothing.provisioningException(), refusal.message());
    }

    @Test
    void theSameIdempotencyKeyWritesOnceAnotherRequestWithItIsRefusedAndACreateOfAnExistingCardUpdatesIt() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        remoteInstance.resetCounters();

        Operation first = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace@example.com"), "order-2", null), USER);
        Operation second = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace@example.com"), "order-2", null), USER);

        assertEquals(first.id(), second.id());
        assertEquals(OperationStatus.SUCCEEDED, second.status());
        assertEquals(1, remoteInstance.counters().cardsCreated());
        assertEquals(1, orchestration.list(task.id(), null, 10).size());
        ConflictException refused = assertThrows(ConflictException.class, () -> orchestration.submit(task.id(),
                request(EventOperation.CREATE, card("L-2", "Grace", "g@example.com"), "order-2", null), USER));
        assertTrue(refused.getMessage().contains("order-2"), refused.getMessage());
        assertEquals(1, orchestration.list(task.id(), null, 10).size());

        // a create repeated without a key (as after a crash between the write and its record) finds the card
        Operation repeated = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace.hopper@example.com"), null, null), USER);
        assertEquals(first.remoteId(), repeated.remoteId());
        assertEquals(1, remoteInstance.counters().cardsCreated());
        assertEquals("grace.hopper@example.com", remoteInstance.find(first.remoteId()).orElseThrow().text("email"));
    }

    @Test
    void aRetryableFailureIsTriedAgainUntilTheWriteSucceeds() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        remote = failingWrites(remote, failuresLeft);
        Orchestration orchestration = orchestration(settings(WAIT, 5));

        Operation done = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-3", "Alan", "alan@example.com"), "k-3", null), USER);

        assertEquals(OperationStatus.SUCCEEDED, done.status(), done.provisioningException());
        assertEquals(3, done.attempts());
        assertTrue(remoteInstance.find("person", "source_key", "L-3").isPresent());
    }

    @Test
    void anOperationOutOfAttemptsIsDeadKeepsItsCardsLaterOnesWaitingAndIsReplayedOrDiscarded() {
        AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
        remote = failingWrites(remote, failuresLeft);
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation dead = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-4", "Edsger", "edsger@example.com"), null, null), USER);
        Operation behind = orchestration.submit(task.id(), new OperationRequest(EventOperation.UPDATE,
                card("L-4", "Edsger", "ewd@example.com"), null, null, null, 0), USER);
        Operation otherDead = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-5", "Tony", "tony@example.com"), null, null), USER);

        assertEquals(OperationStatus.DEAD, dead.status());
        assertEquals(3, dead.attempts());
        assertTrue(dead.provisioningException().startsWith("gave up after 3 attempts: remote is down"),
                dead.provisioningException());
        assertEquals(OperationStatus.PENDING, orchestration.get(behind.id()).status());
        assertEquals(0, orchestration.get(behind.id()).attempts(), "an operation behind a dead one is not tried");
        assertTrue(remoteInstance.find("person", "source_key", "L-4").isEmpty());
        assertEquals(2, orchestration.list(task.id(), OperationStatus.DEAD, 10).size());

        failuresLeft.set(0);
        assertEquals(OperationStatus.PENDING, orchestration.replay(dead.id()).status());
        assertThrows(ConflictException.class, () -> orchestration.replay(behind.id()));
        Operation delivered = dispatchers.get(0).await(behind.id(), WAIT);
        assertEquals(OperationStatus.SUCCEEDED, delivered.status(), delivered.provisioningException());
        assertEquals(OperationStatus.SUCCEEDED, orchestration.get(dead.id()).status());
        assertEquals("ewd@example.com", remoteInstance.find("person", "source_key", "L-4").orElseThrow().text("email"));

        Operation discarded = orchestration.discard(otherDead.id(), "admin");
        assertEquals(OperationStatus.DISCARDED, discarded.status());
        assertTrue(discarded.reason().startsWith("discarded by admin"), discarded.reason());
        assertTrue(remoteInstance.find("person", "source_key", "L-5").isEmpty());
    }

    @Test
    void deadOperationsOfATaskAreReplayedTogetherOnceTheRemoteIsBack() {
        AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
        remote = failingWrites(remote, failuresLeft);
        Orchestration orchestration = orchestration(settings(WAIT, 2));
        for (int i = 0; i < 3; i++) {
            Operation dead = orchestration.submit(task.id(), request(EventOperation.CREATE,
                    card("D-" + i, "Dead", "dead" + i + "@example.com"), null, null), USER);
            assertEquals(OperationStatus.DEAD, dead.status());
        }

        failuresLeft.set(0);
        assertEquals(3, orchestration.replayDead(task.id()));

        for (Operation operation : orchestration.list(task.id(), null, 10)) {
            assertEquals(OperationStatus.SUCCEEDED, dispatchers.get(0).await(operation.id(), WAIT).status());
        }
        assertEquals(0, orchestration.discardAll(task.id(), OperationStatus.DEAD, "admin"));
        assertThrows(ValidationException.class, () -> orchestration.discardAll(task.id(), OperationStatus.FAILED,
                "admin"));
    }

    @Test
    void aRefusalOfTheRemoteFailsAtOnceWithItsMessage() {
        remoteInstance.faults().refuseCards("email", "spam@example.com", "Email address is blocked");
        Orchestration orchestration = orchestration(settings(WAIT, 5));

        Operation failed = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-5", "Spam", "spam@example.com"), null, null), USER);

        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts());
        assertTrue(failed.provisioningException().contains("Email address is blocked"), failed.provisioningException());
    }

    @Test
    void anOperationTheTypeDoesNotSupportIsRefusedNamingTheOperation() {
        type.capabilities.remove(Capability.WRITE_DELETE);
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        ValidationException refused = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                request(EventOperation.DELETE, key("L-1"), null, null), USER));

        assertEquals(List.of(new FieldProblem("operation", "connector type 'fake' does not support write delete (it"
                + " supports: read full, read incremental, find by keys, write create, write update, transfer files);"
                + " event task 'Push persons'"
                + " can't delete cards")), refused.problems());
        assertEquals(List.of(), orchestration.list(task.id(), null, 10), "nothing was queued");
        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada",
                "ada@example.com"), null, null), USER);
        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
    }

    @Test
    void anOperationTriedAgainAfterItsTypeLostTheCapabilityFailsForGood() {
        InstanceGateway real = remote;
        AtomicInteger failures = new AtomicInteger(1);
        remote = gateway(real, (method, args) -> {
            if (method.equals("update") && failures.getAndDecrement() > 0) {
                // the type loses the capability while the operation waits for its next attempt
                type.capabilities.remove(Capability.WRITE_UPDATE);
                throw new UnavailableException("remote is down");
            }
            return null;
        });
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada", "ada@example.com"), null,
                null), USER);

        Operation updated = orchestration.submit(task.id(), request(EventOperation.UPDATE, card("L-1", "Ada",
                "ada.lovelace@example.com"), null, null), USER);

        assertEquals(OperationStatus.FAILED, updated.status());
        assertEquals(2, updated.attempts(), "not tried again once refused");
        assertEquals("connector type 'fake' does not support write update (it supports: read full, read incremental,"
                + " find by keys, write create, write delete, transfer files)", updated.provisioningException());
    }

    @Test
    void aCreateDoesNotOverwriteAnExistingCardWhereTheTypeCannotUpdate() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada",
                "ada@example.com"), null, null), USER);
        type.capabilities.remove(Capability.WRITE_UPDATE);

        Operation again = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada",
                "ada.lovelace@example.com"), null, null), USER);

        assertEquals(OperationStatus.FAILED, again.status());
        assertTrue(again.provisioningException().startsWith("a card with key 'L-1' (attribute 'source_key') already"
                + " exists in remote template 'person'"), again.provisioningException());
        assertEquals("ada@example.com", remoteInstance.find(created.remoteId()).orElseThrow().text("email"));
    }

    @Test
    void aRequestAnsweredBeforeItsOutcomeGoesOnInTheBackground() throws Exception {
        CountDownLatch remoteAnswers = new CountDownLatch(1);
        InstanceGateway real = remote;
        remote = gateway(real, (method, args) -> {
            if (method.equals("create")) {
                remoteAnswers.await(30, TimeUnit.SECONDS);
            }
            return null;
        });
        OutboxDispatcher dispatcher = dispatcher(settings(Duration.ZERO, 3));
        Orchestration orchestration = new Orchestration(outbox, tasks, connectors, types, dispatcher, Clock.systemUTC());

        Operation pending = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-6", "Barbara", "barbara@example.com"), "k-6", null), USER);

        assertTrue(pending.status().inProgress(), pending.status().name());
        remoteAnswers.countDown();
        Operation done = dispatcher.await(pending.id(), WAIT);
        assertEquals(OperationStatus.SUCCEEDED, done.status(), done.provisioningException());
        assertEquals(done, orchestration.get(pending.id()));
    }

    @Test
    void aRemoteThatDoesNotAnswerDoesNotHoldTheRequestUp() throws Exception {
        CountDownLatch remoteAnswers = new CountDownLatch(1);
        InstanceGateway real = remote;
        remote = gateway(real, (method, args) -> {
            remoteAnswers.await(60, TimeUnit.SECONDS);
            return null;
        });
        Orchestration orchestration = orchestration(settings(Duration.ZERO, 3));
        long started = System.nanoTime();

        Operation accepted = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("S-1", "Slow", "slow@example.com"), null, null), USER);
        Operation next = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("S-2", "Slow", "slow2@example.com"), null, null), USER);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Orchestration.CHECK_WITHIN.plusSeconds(3)) < 0, "answered in " + took);
        assertTrue(accepted.status().inProgress());
        assertTrue(next.status().inProgress());
        remoteAnswers.countDown();
        assertEquals(OperationStatus.SUCCEEDED, dispatchers.get(0).await(next.id(), WAIT).status());
    }

    @Test
    void onlySoManyCallersWaitAtOnceAndTheWaitIsCapped() throws Exception {
        CountDownLatch remoteAnswers = new CountDownLatch(1);
        InstanceGateway real = remote;
        remote = gateway(real, (method, args) -> {
            if (method.equals("create")) {
                remoteAnswers.await(30, TimeUnit.SECONDS);
            }
            return null;
        });
        OutboxDispatcher dispatcher = dispatcher(new OutboxSettings(WAIT, 1, 2, 3, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofMinutes(10), Duration.ofMillis(200)));
        dispatcher.start();
        Orchestration orchestration = new Orchestration(outbox, tasks, connectors, types, dispatcher, Clock.systemUTC());
        List<Operation> waited = new ArrayList<>();
        Thread waiting = new Thread(() -> waited.add(orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("W-1", "Wait", "w1@example.com"), null, null), USER)));
        waiting.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (outbox.listForTask(task.id(), null, 10).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);

        long started = System.nanoTime();
        Operation atOnce = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("W-2", "Now", "w2@example.com"), null, null), USER);

        assertTrue(atOnce.status().inProgress(), atOnce.status().name());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                "the second caller did not wait");
        remoteAnswers.countDown();
        waiting.join(30_000);
        assertEquals(OperationStatus.SUCCEEDED, waited.get(0).status());
        assertEquals(Duration.ofSeconds(60), OutboxSettings.capped(3_600));
        assertEquals(Duration.ZERO, OutboxSettings.capped(-5));
    }

    @Test
    void aCreateAndUpdatesOfOneCardSentAtOnceLandInTheirOrderEachOnce() {
        // six writes of one card in a row: more than the loop guard lets through by default
        maxWritesPerCard = 10;
        remoteInstance.faults().failShare(503, 0.3);
        Orchestration orchestration = orchestration(settings(WAIT, 30));
        remoteInstance.resetCounters();

        List<Operation> sent = new ArrayList<>();
        sent.add(orchestration.submit(task.id(), new OperationRequest(EventOperation.CREATE,
                card("O-1", "v0", "v0@example.com"), null, null, null, 0), USER));
        for (int i = 1; i <= 5; i++) {
            sent.add(orchestration.submit(task.id(), new OperationRequest(EventOperation.UPDATE,
                    card("O-1", "v" + i, "v" + i + "@example.com"), null, null, null, 0), USER));
        }

        for (Operation operation : sent) {
            Operation done = dispatchers.get(0).await(operation.id(), WAIT);
            assertEquals(OperationStatus.SUCCEEDED, done.status(), done.provisioningException());
        }
        DataCard card = remoteInstance.find("person", "source_key", "O-1").orElseThrow();
        assertEquals("v5", card.text("first_name"));
        assertEquals("v5@example.com", card.text("email"));
        assertEquals(1, remoteInstance.counters().cardsCreated());
        assertEquals(5, remoteInstance.counters().cardsUpdated());
    }

    @Test
    void operationsThatWaitForAWriterAreWrittenInTheOrderOfTheirAccepts() throws Exception {
        CountDownLatch firstCreate = new CountDownLatch(1);
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        remote = gateway(remote, (method, args) -> {
            if (method.equals("create")) {
                String key = ((DataCard) args[1]).text("source_key");
                if ("Q-1".equals(key)) {
                    firstCreate.await(30, TimeUnit.SECONDS);
                }
                written.add(key);
            }
            return null;
        });
        // one writer, and no look at the outbox while the test runs: the writer goes from operation to operation
        Orchestration orchestration = orchestration(new OutboxSettings(WAIT, 50, 1, 3, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofMinutes(10), Duration.ofMinutes(10)));
        List<Operation> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(orchestration.submit(task.id(), new OperationRequest(EventOperation.CREATE,
                    card("Q-" + i, "n" + i, "q" + i + "@example.com"), null, null, null, 0), USER));
        }
        firstCreate.countDown();
        // accepted while the others wait: it does not take the writer ahead of them
        sent.add(orchestration.submit(task.id(), new OperationRequest(EventOperation.CREATE,
                card("Q-6", "n6", "q6@example.com"), null, null, null, 0), USER));
        for (Operation operation : sent) {
            assertEquals(OperationStatus.SUCCEEDED, dispatchers.get(0).await(operation.id(), WAIT).status());
        }
        assertEquals(List.of("Q-1", "Q-2", "Q-3", "Q-4", "Q-5", "Q-6"), written);
    }

    @Test
    void aCardsLaterOperationWaitsForItsEarlierOneWithoutHoldingUpOtherCards() throws Exception {
        CountDownLatch slowCreate = new CountDownLatch(1);
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        remote = gateway(remote, (method, args) -> {
            if (method.equals("create")) {
                String key = ((DataCard) args[1]).text("source_key");
                if ("R-1".equals(key)) {
                    slowCreate.await(30, TimeUnit.SECONDS);
                }
                written.add("create " + key);
            } else if (method.equals("update")) {
                written.add("update " + args[1]);
            }
            return null;
        });
        Orchestration orchestration = orchestration(new OutboxSettings(WAIT, 50, 2, 3, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofMinutes(10), Duration.ofMinutes(10)));
        OutboxDispatcher dispatcher = dispatchers.get(0);
        Operation create = orchestration.submit(task.id(), new OperationRequest(EventOperation.CREATE,
                card("R-1", "before", "r1@example.com"), null, null, null, 0), USER);
        Operation update = orchestration.submit(task.id(), new OperationRequest(EventOperation.UPDATE,
                card("R-1", "after", "r1@example.com"), null, null, null, 0), USER);
        Operation other = orchestration.submit(task.id(), new OperationRequest(EventOperation.CREATE,
                card("R-2", "other", "r2@example.com"), null, null, null, 0), USER);

        assertEquals(OperationStatus.SUCCEEDED, dispatcher.await(other.id(), WAIT).status());
        assertTrue(dispatcher.await(update.id(), Duration.ZERO).status().inProgress(), "the update waits");
        slowCreate.countDown();
        Operation created = dispatcher.await(create.id(), WAIT);
        assertEquals(OperationStatus.SUCCEEDED, created.status());
        assertEquals(OperationStatus.SUCCEEDED, dispatcher.await(update.id(), WAIT).status());
        assertEquals(List.of("create R-2", "create R-1", "update " + created.remoteId()), written);
        assertEquals("after", remoteInstance.find("person", "source_key", "R-1").orElseThrow().text("first_name"));
    }

    @Test
    void everyProblemOfARequestIsNamedByFieldAndNothingIsStored() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("first_name", List.of(new StringValue("No key")));

        ValidationException refused = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                new OperationRequest(null, DataCard.draft(null, null, attributes), null, "k".repeat(201), null, -1),
                USER));
        assertEquals(List.of("operation", "idempotencyKey", "waitSeconds", "card.efecte_id"), fields(refused));

        assertEquals(List.of("card"), fields(assertThrows(ValidationException.class, () -> orchestration.submit(
                task.id(), request(EventOperation.DELETE, null, null, null), USER))));
        assertEquals(List.of("localCardId"), fields(assertThrows(ValidationException.class, () -> orchestration.submit(
                task.id(), new OperationRequest(EventOperation.UPDATE, key("L-1"), "500001", null, null, null),
                USER))));
        assertEquals(List.of("localCardId"), fields(assertThrows(ValidationException.class, () -> orchestration.submit(
                task.id(), new OperationRequest(EventOperation.UPDATE, null, "12; DROP", null, null, null), USER))));

        // checked against the local template and through the mapping: unknown attribute, wrong type, attachment
        Map<String, List<Value>> wrong = new LinkedHashMap<>(card("L-1", "Ada", "ada@example.com").attributes());
        wrong.put("nickname", List.of(new StringValue("Ada")));
        wrong.put("status", List.of(new StringValue("no such status")));
        ValidationException mapped = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                request(EventOperation.CREATE, DataCard.draft(null, null, wrong), null, null), USER));
        assertEquals(List.of("card.nickname"), fields(mapped));
        wrong.remove("nickname");
        mapped = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                request(EventOperation.CREATE, DataCard.draft(null, null, wrong), null, null), USER));
        assertEquals(List.of("card.status"), fields(mapped));
        assertTrue(mapped.problems().get(0).problem().contains("no such status"), mapped.getMessage());
        wrong.put("status", List.of(new ExternalReferenceValue("a.png", "file-1")));
        mapped = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                request(EventOperation.CREATE, DataCard.draft(null, null, wrong), null, null), USER));
        assertEquals(List.of("card.status"), fields(mapped));
        assertTrue(mapped.problems().get(0).problem().contains("attachments"), mapped.getMessage());

        assertThrows(NotFoundException.class, () -> orchestration.submit("no-such-task",
                request(EventOperation.CREATE, key("L-1"), null, null), USER));
        ScheduledTask reads = tasks.createScheduled(new ScheduledTask(null, connector.id(), "Reads", true,
                Schedule.every(300), TaskMode.FULL, null, "person", "persons", task.mapping(), null, null, null,
                null));
        NotFoundException wrongKind = assertThrows(NotFoundException.class, () -> orchestration.submit(reads.id(),
                request(EventOperation.CREATE, key("L-1"), null, null), USER));
        assertTrue(wrongKind.getMessage().contains("scheduled task"), wrongKind.getMessage());
        assertEquals(List.of(), outbox.listForTask(task.id(), null, 10));
    }

    @Test
    void aWorkflowNamedWithARequestBecomesAReferenceOfTheTask() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-10", "Wf", "wf@example.com"), null,
                "wf-onboarding"), USER);
        orchestration.submit(task.id(), request(EventOperation.UPDATE, card("L-10", "Wf", "wf2@example.com"), null,
                "wf-onboarding"), USER);

        EventTask saved = tasks.findEvent(task.id()).orElseThrow();
        assertEquals(List.of("wf-onboarding"), saved.workflowReferences());
        assertEquals(2, tasks.references.forTask(task.id(), Instant.EPOCH).get(0).useCount());
        assertEquals("wf-onboarding", orchestration.list(task.id(), null, 10).get(0).workflow());
    }

    @Test
    void aLocalCardNamedByIdIsReadFromTheLocalTemplateAndItsReferencesResolveToTheRemoteCards() {
        // scenario 4: an access right request of the local instance becomes an incident of the remote one; the
        // requester, a local copy of a remote person loaded by a scheduled task, becomes the remote person
        tasks.createScheduled(new ScheduledTask(null, connector.id(), "Persons", true, Schedule.every(300),
                TaskMode.FULL, null, "person", "persons", new Mapping("person", "persons",
                        List.of(new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key"),
                null, null, null, null));
        EventTask requests = tasks.createEvent(new EventTask(null, connector.id(), "Access requests", "access_request",
                "access_management", "incident", "incident_management", new Mapping("incident",
                        "incident_management", List.of(new AttributePair("efecte_id", "source_key"),
                                new AttributePair("subject", "subject"), new AttributePair("justification",
                                        "description"), new AttributePair("requester", "customer")),
                        "cardlink_task_id", "source_key"), List.of(), null, null));
        DataCard remotePerson = remoteInstance.all("person").get(3);
        DataCard localPerson = localInstance.put(DataCard.draft("person", "persons", Map.of("first_name",
                List.of(new StringValue("Local")), "source_key", List.of(new StringValue(remotePerson.text(
                        "efecte_id"))))));
        DataCard request = localInstance.put(DataCard.draft("access_request", "access_management", Map.of(
                "subject", List.of(new StringValue("SAP access for Anna")), "justification",
                List.of(new StringValue("New controller")), "requester", List.of(ReferenceValue.to(
                        localPerson.id())))));
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation created = orchestration.submit(requests.id(), new OperationRequest(EventOperation.CREATE, null,
                request.id(), "ar-1", null, null), USER);

        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
        assertEquals(request.id(), created.localCardId());
        assertEquals(request.text("efecte_id"), created.cardKey());
        DataCard incident = remoteInstance.find(created.remoteId()).orElseThrow();
        assertEquals("incident", incident.templateCode());
        assertEquals("SAP access for Anna", incident.text("subject"));
        assertEquals("New controller", incident.text("description"));
        assertEquals(request.text("efecte_id"), incident.text("source_key"));
        assertEquals(remotePerson.id(), ((ReferenceValue) incident.first("customer").orElseThrow()).dataCardId());

        // a requester without a remote card fails the operation at once, naming the attribute and the key
        DataCard stranger = localInstance.put(DataCard.draft("person", "persons", Map.of("source_key",
                List.of(new StringValue("PER-999999")))));
        DataCard orphan = localInstance.put(DataCard.draft("access_request", "access_management", Map.of(
                "subject", List.of(new StringValue("Orphan")), "requester", List.of(ReferenceValue.to(stranger.id())))));
        remoteInstance.resetCounters();
        Operation failed = orchestration.submit(requests.id(), new OperationRequest(EventOperation.CREATE, null,
                orphan.id(), null, null, null), USER);
        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals(0, failed.attempts(), "failed before it was queued");
        assertTrue(failed.provisioningException().contains("customer") && failed.provisioningException()
                .contains("PER-999999"), failed.provisioningException());
        assertEquals(0, remoteInstance.counters().cardsWritten());

        assertEquals(List.of("localCardId"), fields(assertThrows(ValidationException.class, () -> orchestration
                .submit(requests.id(), new OperationRequest(EventOperation.CREATE, null, "999999", null, null, null),
                        USER))));
        List<EventTarget> targets = orchestration.targets("access_request");
        assertEquals(1, targets.size());
        assertEquals("Access requests", targets.get(0).taskName());
        assertEquals("Orch", targets.get(0).connectorName());
        assertEquals("incident", targets.get(0).remoteTemplate());
        assertEquals(2, orchestration.targets(null).size());
    }

    @Test
    void aCardEqualToWhatAScheduledLoadJustReadIsSuppressedAndWrittenNowhere() throws InterruptedException {
        ScheduledTask persons = tasks.createScheduled(new ScheduledTask(null, connector.id(), "Persons back", true,
                Schedule.every(300), TaskMode.FULL, null, "person", "persons", new Mapping("person", "persons",
                        List.of(new AttributePair("source_key", "efecte_id"), new AttributePair("first_name",
                                "first_name"), new AttributePair("email", "email"), new AttributePair("status",
                                        "status")), "cardlink_task_id", "efecte_id"), null, null, null, null));
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("E-1", "Echo", "echo@example.com"), null, null), USER);
        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
        assertEquals(1, ledger.count(Direction.WRITE), "an event task's write of a two-way card is recorded");
        // the scheduled task reads the card back and loads it
        DataCard remoteCard = remoteInstance.find(created.remoteId()).orElseThrow();
        guards.get(0).forRun(persons).loaded(List.of(remoteCard));
        remoteInstance.resetCounters();

        Operation echo = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("E-1", "Echo", "echo@example.com"), null, null), USER);

        assertEquals(OperationStatus.SUPPRESSED, echo.status());
        assertTrue(echo.reason().contains("Persons back"), echo.reason());
        CardEvent suppressed = timelineOf("E-1", 2).get(1);
        assertEquals(CardEventKind.SUPPRESSED, suppressed.kind());
        assertEquals(echo.id(), suppressed.operationId());
        assertEquals(echo.reason(), suppressed.message());
        assertEquals(0, remoteInstance.counters().cardsWritten());

        Operation change = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("E-1", "Echo", "changed@example.com"), null, null), USER);
        assertEquals(OperationStatus.SUCCEEDED, change.status());
        assertEquals(1, remoteInstance.counters().cardsUpdated());
    }

    @Test
    void aCardWrittenTooOftenIsHeldUntilAnOperatorReleasesIt() throws InterruptedException {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        for (int i = 1; i <= 5; i++) {
            assertEquals(OperationStatus.SUCCEEDED, orchestration.submit(task.id(), request(i == 1
                    ? EventOperation.CREATE : EventOperation.UPDATE, card("F-1", "v" + i, "f@example.com"), null, null),
                    USER).status());
        }

        Operation sixth = orchestration.submit(task.id(), request(EventOperation.UPDATE, card("F-1", "v6",
                "f@example.com"), null, null), USER);
        Operation seventh = orchestration.submit(task.id(), request(EventOperation.UPDATE, card("F-1", "v7",
                "f@example.com"), null, null), USER);
        Operation otherCard = orchestration.submit(task.id(), request(EventOperation.CREATE, card("F-2", "x",
                "x@example.com"), null, null), USER);

        assertEquals(OperationStatus.HELD, sixth.status());
        assertTrue(sixth.reason().contains("written 5 times within 10 minutes"), sixth.reason());
        assertEquals(OperationStatus.HELD, seventh.status());
        assertEquals(OperationStatus.SUCCEEDED, otherCard.status());
        // the loop breaker's decision is the entry; the card's later operations wait behind it
        CardEvent heldEntry = timelineOf("F-1", 6).get(5);
        assertEquals(CardEventKind.HELD, heldEntry.kind());
        assertEquals(sixth.id(), heldEntry.operationId());
        assertEquals(sixth.reason(), heldEntry.message());
        assertEquals("v5", remoteInstance.find("person", "source_key", "F-1").orElseThrow().text("first_name"));
        List<HeldCard> held = orchestration.heldCards(task.id());
        assertEquals(1, held.size());
        assertEquals("F-1", held.get(0).cardKey());
        assertEquals(2, held.get(0).heldOperations());
        assertEquals(held, orchestration.heldCards(null));

        assertEquals(2, orchestration.release(task.id(), "F-1", "admin"));

        assertEquals(OperationStatus.SUCCEEDED, dispatchers.get(0).await(seventh.id(), WAIT).status());
        assertEquals("v7", remoteInstance.find("person", "source_key", "F-1").orElseThrow().text("first_name"));
        assertEquals(List.of(), orchestration.heldCards(task.id()));
        assertThrows(NotFoundException.class, () -> orchestration.release(task.id(), "F-1", "admin"));
    }

    @Test
    void atStartTheNodeTakesUpWhatACrashLeftRunningAndPending() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        Operation ownRunning = stored("op-own", OperationStatus.RUNNING, 1, null, longAgo);
        Operation otherRunning = stored("op-other", OperationStatus.RUNNING, 1, null, longAgo);
        Operation pending = stored("op-pending", OperationStatus.PENDING, 0, longAgo, longAgo);
        Instant leaseAhead = Instant.now().plusSeconds(3600);
        outbox.put(ownRunning, card("L-7", "Own", "own@example.com"), NODE, leaseAhead);
        outbox.put(otherRunning, card("L-8", "Other", "other@example.com"), "node-2", longAgo.plusSeconds(60));
        outbox.put(pending, card("L-9", "Pending", "pending@example.com"), null, null);

        OutboxDispatcher dispatcher = dispatcher(settings(WAIT, 3));
        dispatcher.start();

        for (String id : List.of("op-own", "op-other", "op-pending")) {
            Operation done = dispatcher.await(id, WAIT);
            assertEquals(OperationStatus.SUCCEEDED, done.status(), id + ": " + done.provisioningException());
        }
        assertEquals(2, outbox.find("op-own").orElseThrow().attempts());
        for (String key : List.of("L-7", "L-8", "L-9")) {
            assertTrue(remoteInstance.find("person", "source_key", key).isPresent(), key);
        }
        assertNull(outbox.find("op-own").orElseThrow().reason());
    }

    @Test
    void theClaimOutlastsTheConnectorsRetryBudgetAtEveryCallOfTheWrite() {
        callBudget = Duration.ofMinutes(30);
        List<Duration> leftAtCalls = new CopyOnWriteArrayList<>();
        remote = gateway(remote, (method, args) -> {
            for (Operation running : outbox.listForTask(task.id(), OperationStatus.RUNNING, 10)) {
                leftAtCalls.add(Duration.between(Instant.now(), outbox.leaseUntil(running.id())));
            }
            return null;
        });
        // the dispatcher's own lease (10 minutes) is shorter than one call may take
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-30", "Long",
                "long@example.com"), null, null), USER);

        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
        assertTrue(leftAtCalls.size() >= 2, "the look-up and the write: " + leftAtCalls);
        assertTrue(leftAtCalls.stream().allMatch(left -> left.compareTo(callBudget) > 0), leftAtCalls.toString());
    }

    // ---- helpers

    /** The card's timeline once it has {@code count} entries: the outcome reaches it just after the outbox. */
    private List<CardEvent> timelineOf(String key, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (timeline.of(key).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<CardEvent> entries = timeline.of(key);
        assertEquals(count, entries.size(), String.valueOf(entries));
        return entries;
    }

    private Operation stored(String id, OperationStatus status, int attempts, Instant next, Instant created) {
        return new Operation(id, task.id(), task.connectorId(), EventOperation.CREATE, null, null, null, null, USER,
                status, attempts, next, null, null, null, created, null);
    }

    private static List<String> fields(ValidationException e) {
        return e.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void aLostSecretsKeyFailsTheOperationAtOnceWithItsReason() {
        LoopGuard guard = new LoopGuard(ledger, tasks, PipelineHarness.mappingEngine(), new LoopGuard.Settings(
                Duration.ofMinutes(60), maxWritesPerCard, Duration.ofMinutes(10)), Clock.systemUTC());
        guards.add(guard);
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, tasks, connectorId -> {
            throw new SecretKeyUnavailableException("etc/cardlink-secrets.key is missing");
        }, () -> local, PipelineHarness.mappingEngine(), guard, new CardEvents(timeline, Clock.systemUTC()),
                new TypeCapabilities(connectors, types), settings(WAIT, 3), Clock.systemUTC(), NODE);
        dispatchers.add(dispatcher);
        dispatcher.start();
        Orchestration orchestration = new Orchestration(outbox, tasks, connectors, types, dispatcher, Clock.systemUTC());
        orchestrations.add(orchestration);

        Operation sent = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-9", "Key",
                "key@example.com"), null, null), USER);
        Operation named = orchestration.submit(task.id(), new OperationRequest(EventOperation.UPDATE, null, "4711",
                null, null, null), USER);

        for (Operation failed : List.of(sent, named)) {
            assertEquals(OperationStatus.FAILED, failed.status());
            assertEquals(0, failed.attempts(), "never sent: no retry brings the key back");
            assertTrue(failed.provisioningException().contains("etc/cardlink-secrets.key is missing"),
                    failed.provisioningException());
        }
        assertEquals("L-9", sent.cardKey());
        assertEquals("4711", named.localCardId());
    }

    private static OutboxSettings settings(Duration wait, int maxAttempts) {
        return new OutboxSettings(wait, 50, 2, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMinutes(10), Duration.ofMillis(200));
    }

    private Orchestration orchestration(OutboxSettings settings) {
        OutboxDispatcher dispatcher = dispatcher(settings);
        dispatcher.start();
        Orchestration orchestration = new Orchestration(outbox, tasks, connectors, types, dispatcher, Clock.systemUTC());
        orchestrations.add(orchestration);
        return orchestration;
    }

    private OutboxDispatcher dispatcher(OutboxSettings settings) {
        InstanceGateway usedRemote = remote;
        InstanceGateway usedLocal = local;
        LoopGuard guard = new LoopGuard(ledger, tasks, PipelineHarness.mappingEngine(), new LoopGuard.Settings(
                Duration.ofMinutes(60), maxWritesPerCard, Duration.ofMinutes(10)), Clock.systemUTC());
        guards.add(guard);
        Duration budget = callBudget;
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, tasks, connectorId -> connection(usedRemote,
                budget), () -> usedLocal, PipelineHarness.mappingEngine(), guard, new CardEvents(timeline, Clock.systemUTC()),
                new TypeCapabilities(connectors, types), settings, Clock.systemUTC(), NODE);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private static Connection connection(InstanceGateway remote, Duration callBudget) {
        return new Connection() {
            @Override
            public InstanceGateway remote() {
                return remote;
            }

            @Override
            public Duration callBudget() {
                return callBudget;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A gateway whose create, update and delete fail as an unreachable remote does while {@code left} lasts. */
    private static InstanceGateway failingWrites(InstanceGateway real, AtomicInteger left) {
        return gateway(real, (method, args) -> {
            if ((method.equals("create") || method.equals("update") || method.equals("delete"))
                    && left.getAndDecrement() > 0) {
                throw new UnavailableException("remote is down");
            }
            return null;
        });
    }

    private interface Before {
        Object call(String method, Object[] args) throws Exception;
    }

    private static InstanceGateway gateway(InstanceGateway real, Before before) {
        InvocationHandler handler = (proxy, method, args) -> {
            before.call(method.getName(), args);
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (InstanceGateway) Proxy.newProxyInstance(OrchestrationTest.class.getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, handler);
    }

    private static OperationRequest request(EventOperation operation, DataCard card, String key, String workflow) {
        return new OperationRequest(operation, card, null, key, workflow, null);
    }

    private static DataCard card(String key, String firstName, String email) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("efecte_id", List.of(new StringValue(key)));
        attributes.put("first_name", List.of(new StringValue(firstName)));
        attributes.put("email", List.of(new StringValue(email)));
        attributes.put("status", List.of(new StringValue("active")));
        return DataCard.draft(null, null, attributes);
    }

    private static DataCard key(String key) {
        return DataCard.draft(null, null, Map.of("efecte_id", List.of(new StringValue(key))));
    }
}
