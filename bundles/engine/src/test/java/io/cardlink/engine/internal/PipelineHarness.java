package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.RunRequest;
import io.cardlink.api.scheduler.RunTrigger;
import io.cardlink.api.scheduler.StopSignal;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.emulator.EmulatorOptions;
import io.cardlink.emulator.EmulatorServer;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.mapping.internal.DefaultMappingEngine;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sync engine over the embedded emulator's two demo instances (remote: 151 persons, 301 incidents referencing
 * them; local: empty), with in-memory stores and the real mapping engine.
 */
final class PipelineHarness implements AutoCloseable {

    static final String API = "/rest-api/itsm/v1";
    static final String NODE = "node-a";

    final EmulatorServer emulator;
    final InstanceGateway remote;
    final InstanceGateway local;
    final EsmClient remoteClient;
    final EsmClient localClient;
    final MemoryStores stores = new MemoryStores();
    final List<ScheduledTask> tasks = new ArrayList<>();
    final List<EventTask> eventTasks = new ArrayList<>();
    final MemoryEchoLedger ledger = new MemoryEchoLedger();
    final MemoryTimeline timeline = new MemoryTimeline();
    final LoopGuard guard;
    final ExtractFiles extracts;
    /** The far side the connection hands out: the remote gateway, or a test's wrapper or subset of it. */
    FarSide remoteUsed;
    InstanceGateway localUsed;
    /** What the connection says of the local writes a run may have in flight. */
    int localWritesInFlight = 1;
    final SyncEngine engine;

    PipelineHarness(Path extractDir) {
        this(extractDir, EmulatorOptions.defaults());
    }

    /** Over an emulator started with {@code options}, such as more generated cards. */
    PipelineHarness(Path extractDir, EmulatorOptions options) {
        emulator = EmulatorServer.start(options);
        remote = EmulatorGateways.of(emulator.rootUrl("remote"), API);
        local = EmulatorGateways.of(emulator.rootUrl("local"), API);
        remoteClient = EmulatorGateways.client(emulator.rootUrl("remote"), API);
        localClient = EmulatorGateways.client(emulator.rootUrl("local"), API);
        remoteUsed = remote;
        localUsed = local;
        extracts = new ExtractFiles(extractDir, 3);
        guard = new LoopGuard(ledger, taskStore(), mappingEngine(), new LoopGuard.Settings(Duration.ofMinutes(60), 5,
                Duration.ofMinutes(10)), Clock.systemUTC());
        engine = new SyncEngine(stores, taskStore(), stores, mappingEngine(), connectorId -> connection(),
                () -> localUsed, extracts, guard, new CardEvents(timeline, Clock.systemUTC()), Clock.systemUTC(), Duration.ZERO,
                () -> NODE);
    }

    static MappingEngine mappingEngine() {
        DefaultMappingEngine.Config config = (DefaultMappingEngine.Config) Proxy.newProxyInstance(
                PipelineHarness.class.getClassLoader(), new Class<?>[] {DefaultMappingEngine.Config.class},
                (proxy, method, args) -> "legacyTimeZone".equals(method.getName()) ? "UTC" : null);
        return new DefaultMappingEngine(config);
    }

    static ScheduledTask persons(TaskMode mode) {
        return new ScheduledTask("task-persons", "connector", "Persons", true, Schedule.every(300), mode, null,
                "person", "persons",
                new Mapping("person", "persons", List.of(new AttributePair("first_name", "first_name"),
                        new AttributePair("last_name", "last_name"), new AttributePair("email", "email"),
                        new AttributePair("department", "department"), new AttributePair("status", "status"),
                        new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key"),
                new RemovalPolicy("status", "99 - Removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, false),
                new FailureCardTarget("sync_failure", "integration", "message"), null, null);
    }

    static ScheduledTask incidents() {
        return new ScheduledTask("task-incidents", "connector", "Incidents", true, Schedule.every(300),
                TaskMode.FULL, null, "incident", null,
                new Mapping("incident", "incident_management", List.of(new AttributePair("subject", "subject"),
                        new AttributePair("description", "description"), new AttributePair("status", "status"),
                        new AttributePair("priority", "priority"), new AttributePair("due_date", "due_date"),
                        new AttributePair("customer", "customer"), new AttributePair("assigned_at", "assigned_at"),
                        new AttributePair("tags", "tags"), new AttributePair("efecte_id", "source_key")),
                        "cardlink_task_id", "source_key"),
                new RemovalPolicy("status", "removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, false), null, null, null);
    }

    PipelineHarness with(ScheduledTask task) {
        tasks.removeIf(t -> t.id().equals(task.id()));
        tasks.add(task);
        stores.knownTasks.add(task.id());
        return this;
    }

    Run run(String taskId) {
        return run(taskId, () -> false, false);
    }

    Run run(String taskId, StopSignal stop, boolean confirmRemovals) {
        RunRequest request = new RunRequest(UUID.randomUUID().toString(), taskId, RunTrigger.MANUAL, Instant.now());
        if (confirmRemovals) {
            engine.record(request, RunStatus.SCHEDULED, true);
        }
        engine.run(request, stop);
        return stores.find(request.id()).orElseThrow();
    }

    /** A dry run of a task, as run now asks for one. */
    Run dryRun(String taskId) {
        RunRequest request = new RunRequest(UUID.randomUUID().toString(), taskId, RunTrigger.MANUAL, Instant.now(),
                true);
        engine.run(request, () -> false);
        return stores.find(request.id()).orElseThrow();
    }

    private Connection connection() {
        return new Connection() {
            @Override
            public FarSide remote() {
                return remoteUsed;
            }

            @Override
            public int localWritesInFlight() {
                return localWritesInFlight;
            }

            @Override
            public void close() {
            }
        };
    }

    private TaskStore taskStore() {
        return (TaskStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findScheduled" -> tasks.stream().filter(t -> t.id().equals(args[0])).findFirst();
                    case "listScheduled" -> List.copyOf(tasks);
                    case "listEvent" -> List.copyOf(eventTasks);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Optional<ScheduledTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public void close() {
        guard.stop();
        emulator.close();
    }
}
