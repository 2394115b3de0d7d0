package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-task operations through the outbox to an emulated remote instance. */
class OrchestrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NODE = "node-1";

    private EmulatorServer emulator;
    private EmulatorInstance remoteInstance;
    private InstanceGateway remote;
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<EventTask> tasks = new ArrayList<>();
    private final List<OutboxDispatcher> dispatchers = new ArrayList<>();
    private EventTask task;

    @BeforeEach
    void start() {
        emulator = EmulatorServer.start(EmulatorOptions.defaults());
        remoteInstance = emulator.instance("remote");
        remote = new EmulatorGateway(emulator.rootUrl("remote"), PipelineHarness.API);
        task = new EventTask("task-1", "connector-1", "Push persons", "person", "persons",
                new Mapping("person", "persons", List.of(new AttributePair("efecte_id", "source_key"),
                        new AttributePair("first_name", "first_name"), new AttributePair("email", "email"),
                        new AttributePair("status", "status")), "cardlink_task_id", "source_key"),
                List.of(), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        tasks.add(task);
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(OutboxDispatcher::stop);
        emulator.close();
    }

    @Test
    void createUpdateAndDeleteReachTheRemoteWithTheMappedValues() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation created = orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-1", "Ada",
                "ada@example.com"), "k-create", null));

        assertEquals(OperationStatus.SUCCEEDED, created.status(), created.provisioningException());
        assertEquals(1, created.attempts());
        assertNotNull(created.completedAt());
        DataCard written = remoteInstance.find(created.remoteId()).orElseThrow();
        assertEquals("L-1", written.text("source_key"));
        assertEquals("Ada", written.text("first_name"));
        assertEquals("ada@example.com", written.text("email"));
        assertEquals("active", ((StaticValue) written.first("status").orElseThrow()).code());
        assertEquals(task.id(), written.text("cardlink_task_id"));

        Operation updated = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("L-1", "Ada", "ada.lovelace@example.com"), null, null));
        assertEquals(OperationStatus.SUCCEEDED, updated.status(), updated.provisioningException());
        assertEquals(created.remoteId(), updated.remoteId());
        assertEquals("ada.lovelace@example.com", remoteInstance.find(created.remoteId()).orElseThrow().text("email"));

        Operation deleted = orchestration.submit(task.id(), request(EventOperation.DELETE, key("L-1"), null, null));
        assertEquals(OperationStatus.SUCCEEDED, deleted.status(), deleted.provisioningException());
        assertTrue(remoteInstance.find("person", "source_key", "L-1").isEmpty());

        Operation deletedAgain = orchestration.submit(task.id(), request(EventOperation.DELETE, key("L-1"), null, null));
        assertEquals(OperationStatus.SUCCEEDED, deletedAgain.status());

        Operation updateOfNothing = orchestration.submit(task.id(), request(EventOperation.UPDATE,
                card("L-404", "Nobody", "n@example.com"), null, null));
        assertEquals(OperationStatus.FAILED, updateOfNothing.status());
        assertTrue(updateOfNothing.provisioningException().contains("no card with key 'L-404'"),
                updateOfNothing.provisioningException());
        assertEquals(List.of(updateOfNothing), orchestration.list(task.id(), OperationStatus.FAILED, 10));
        assertEquals(5, orchestration.list(task.id(), null, 10).size());
    }

    @Test
    void theSameIdempotencyKeyWritesOnceAndACreateOfAnExistingCardUpdatesIt() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        remoteInstance.resetCounters();

        Operation first = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace@example.com"), "order-2", null));
        Operation second = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace@example.com"), "order-2", null));

        assertEquals(first.id(), second.id());
        assertEquals(OperationStatus.SUCCEEDED, second.status());
        assertEquals(1, remoteInstance.counters().cardsCreated());
        assertEquals(1, orchestration.list(task.id(), null, 10).size());

        // a create repeated without a key (as after a crash between the write and its record) finds the card
        Operation repeated = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-2", "Grace", "grace.hopper@example.com"), null, null));
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
                card("L-3", "Alan", "alan@example.com"), "k-3", null));

        assertEquals(OperationStatus.SUCCEEDED, done.status(), done.provisioningException());
        assertEquals(3, done.attempts());
        assertTrue(remoteInstance.find("person", "source_key", "L-3").isPresent());
    }

    @Test
    void anOperationFailsWhenItsAttemptsRunOut() {
        remote = failingWrites(remote, new AtomicInteger(Integer.MAX_VALUE));
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        Operation failed = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-4", "Edsger", "edsger@example.com"), null, null));

        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals(3, failed.attempts());
        assertTrue(failed.provisioningException().startsWith("gave up after 3 attempts: remote is down"),
                failed.provisioningException());
        assertTrue(remoteInstance.find("person", "source_key", "L-4").isEmpty());
    }

    @Test
    void aRefusalOfTheRemoteFailsAtOnceWithItsMessage() {
        remoteInstance.faults().refuseCards("email", "spam@example.com", "Email address is blocked");
        Orchestration orchestration = orchestration(settings(WAIT, 5));

        Operation failed = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-5", "Spam", "spam@example.com"), null, null));

        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts());
        assertTrue(failed.provisioningException().contains("Email address is blocked"), failed.provisioningException());
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
        Orchestration orchestration = new Orchestration(outbox, taskStore(), dispatcher);

        Operation pending = orchestration.submit(task.id(), request(EventOperation.CREATE,
                card("L-6", "Barbara", "barbara@example.com"), "k-6", null));

        assertFalse(pending.status().finished(), pending.status().name());
        remoteAnswers.countDown();
        Operation done = dispatcher.await(pending.id(), WAIT);
        assertEquals(OperationStatus.SUCCEEDED, done.status(), done.provisioningException());
        assertEquals(done, orchestration.get(pending.id()));
    }

    @Test
    void atStartTheNodeTakesUpWhatACrashLeftRunningAndPending() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        Operation ownRunning = new Operation("op-own", task.id(), task.connectorId(), EventOperation.CREATE, null,
                null, OperationStatus.RUNNING, 1, null, null, null, longAgo, null);
        Operation otherRunning = new Operation("op-other", task.id(), task.connectorId(), EventOperation.CREATE, null,
                null, OperationStatus.RUNNING, 1, null, null, null, longAgo, null);
        Operation pending = new Operation("op-pending", task.id(), task.connectorId(), EventOperation.CREATE, null,
                null, OperationStatus.PENDING, 0, longAgo, null, null, longAgo, null);
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
    }

    @Test
    void everyProblemOfARequestIsNamedByFieldAndNothingIsStored() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("first_name", List.of(new StringValue("No key")));

        ValidationException refused = assertThrows(ValidationException.class, () -> orchestration.submit(task.id(),
                new OperationRequest(null, DataCard.draft(null, null, attributes), "k".repeat(201), null)));

        assertEquals(List.of("operation", "idempotencyKey", "card.efecte_id"),
                refused.problems().stream().map(FieldProblem::field).toList());
        ValidationException noCard = assertThrows(ValidationException.class,
                () -> orchestration.submit(task.id(), new OperationRequest(EventOperation.DELETE, null, null, null)));
        assertEquals(List.of("card"), noCard.problems().stream().map(FieldProblem::field).toList());
        assertThrows(NotFoundException.class, () -> orchestration.submit("no-such-task",
                request(EventOperation.CREATE, key("L-1"), null, null)));
        assertEquals(List.of(), outbox.listForTask(task.id(), null, 10));
    }

    @Test
    void aWorkflowNamedWithARequestBecomesAReferenceOfTheTask() {
        Orchestration orchestration = orchestration(settings(WAIT, 3));

        orchestration.submit(task.id(), request(EventOperation.CREATE, card("L-10", "Wf", "wf@example.com"), null,
                "wf-onboarding"));
        orchestration.submit(task.id(), request(EventOperation.UPDATE, card("L-10", "Wf", "wf2@example.com"), null,
                "wf-onboarding"));

        EventTask saved = tasks.get(0);
        assertEquals(List.of("wf-onboarding"), saved.workflowReferences());
        assertTrue(saved.inUse());
        assertEquals("wf-onboarding", orchestration.list(task.id(), null, 10).get(0).workflow());
    }

    // ---- helpers

    private static OutboxSettings settings(Duration wait, int maxAttempts) {
        return new OutboxSettings(wait, 2, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMinutes(10), Duration.ofMillis(200));
    }

    private Orchestration orchestration(OutboxSettings settings) {
        OutboxDispatcher dispatcher = dispatcher(settings);
        dispatcher.start();
        return new Orchestration(outbox, taskStore(), dispatcher);
    }

    private OutboxDispatcher dispatcher(OutboxSettings settings) {
        InstanceGateway used = remote;
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, taskStore(), connectorId -> connection(used),
                PipelineHarness.mappingEngine(), settings, Clock.systemUTC(), NODE);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private static Connection connection(InstanceGateway remote) {
        return new Connection() {
            @Override
            public InstanceGateway remote() {
                return remote;
            }

            @Override
            public InstanceGateway local() {
                throw new AssertionError("an event task writes to the remote instance only");
            }

            @Override
            public void close() {
            }
        };
    }

    private TaskStore taskStore() {
        return (TaskStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findEvent" -> find((String) args[0]);
                    case "updateEvent" -> {
                        EventTask changed = (EventTask) args[0];
                        synchronized (tasks) {
                            tasks.replaceAll(t -> t.id().equals(changed.id()) ? changed : t);
                        }
                        yield changed;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Optional<EventTask> find(String id) {
        synchronized (tasks) {
            return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
        }
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
        return new OperationRequest(operation, card, key, workflow);
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
