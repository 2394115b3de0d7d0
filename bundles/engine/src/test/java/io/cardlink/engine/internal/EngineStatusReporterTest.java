package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.scheduler.SchedulerNode;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineStatus;
import io.cardlink.api.service.NodeStatus;
import io.cardlink.api.store.StoreHealth;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineStatusReporterTest {

    private static final ConnectorTypeRegistry NO_TYPES = new ConnectorTypeRegistry() {
        @Override
        public Optional<ConnectorType> find(String typeId) {
            return Optional.empty();
        }

        @Override
        public List<ConnectorType> installed() {
            return List.of();
        }
    };

    private final EngineStatusReporter reporter = new EngineStatusReporter(NO_TYPES, "1.0.0");

    @Test
    void aMissingSchedulerIsReportedAsDown() {
        ComponentStatus scheduler = component(reporter.status(), "scheduler");
        assertEquals(ComponentStatus.DOWN, scheduler.state());
        assertEquals("the scheduler bundle is not active: scheduled tasks don't run", scheduler.detail());
        assertEquals(EngineStatusReporter.DEGRADED, reporter.status().state());
    }

    @Test
    void theSchedulerReportsWhatRunsAndWaits() {
        reporter.scheduler = scheduler(new SchedulerSnapshot(6, List.of(), List.of()));
        reporter.storeHealth = new StoreHealth() {
            @Override
            public boolean reachable() {
                return true;
            }

            @Override
            public String database() {
                return "Apache Derby";
            }
        };
        ComponentStatus scheduler = component(reporter.status(), "scheduler");
        assertEquals(ComponentStatus.UP, scheduler.state());
        assertEquals("0 run(s) of at most 6 running, 0 waiting", scheduler.detail());
    }

    @Test
    void heldCardsAreShownWithTheReasonAndOnlyThen() {
        List<HeldCard> held = new java.util.ArrayList<>();
        reporter.orchestration = (OrchestrationService) Proxy.newProxyInstance(
                OrchestrationService.class.getClassLoader(), new Class<?>[] {OrchestrationService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("heldCards")) {
                        return List.copyOf(held);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertTrue(reporter.status().components().stream().noneMatch(c -> c.name().equals("loop guard")));

        held.add(new HeldCard("c1", "t1", "INC-7", java.time.Instant.now(), "written 5 times within 10 minutes", 2));

        ComponentStatus guard = component(reporter.status(), "loop guard");
        assertEquals(ComponentStatus.UP, guard.state());
        assertTrue(guard.detail().contains("1 card(s) held") && guard.detail().contains("INC-7")
                && guard.detail().contains("written 5 times"), guard.detail());
    }

    @Test
    void theNodesShowTheirCheckInsAndTheTasksTheirRunsBelongTo() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        EngineStatusReporter clustered = new EngineStatusReporter(NO_TYPES, "1.0.0",
                Clock.fixed(now, ZoneOffset.UTC));
        List<SchedulerNode> checkIns = List.of(
                new SchedulerNode("node-a", now.minusSeconds(3), Duration.ofSeconds(15), true),
                new SchedulerNode("node-b", now.minusSeconds(60), Duration.ofSeconds(15), false));
        clustered.scheduler = scheduler(new SchedulerSnapshot(6, List.of(), List.of()), checkIns);
        MemoryStores runs = new MemoryStores();
        runs.knownTasks.add("t-people");
        runs.knownTasks.add("t-groups");
        runs.create(running("r1", "t-people", "node-b"));
        runs.create(running("r2", "t-groups", "node-c"));
        runs.create(new Run("r3", "t-groups", null, "manual", RunStatus.SUCCESS, now, null, null, null, List.of(),
                null).onNode("node-a"));
        clustered.runStore = runs;
        TaskFakes.Tasks tasks = new TaskFakes.Tasks();
        clustered.taskStore = tasks;

        List<NodeStatus> nodes = clustered.status().nodes();

        assertEquals(List.of(
                new NodeStatus("node-a", now.minusSeconds(3), true, false, List.of()),
                new NodeStatus("node-b", now.minusSeconds(60), false, true, List.of("t-people")),
                new NodeStatus("node-c", null, false, false, List.of("t-groups"))), nodes);
    }

    private static Run running(String id, String taskId, String node) {
        return new Run(id, taskId, null, "schedule", RunStatus.RUNNING, Instant.now(), null, null, null, List.of(),
                null).onNode(node);
    }

    private static TaskScheduler scheduler(SchedulerSnapshot snapshot) {
        return scheduler(snapshot, null);
    }

    private static TaskScheduler scheduler(SchedulerSnapshot snapshot, List<SchedulerNode> nodes) {
        return (TaskScheduler) Proxy.newProxyInstance(TaskScheduler.class.getClassLoader(),
                new Class<?>[] {TaskScheduler.class}, (proxy, method, args) -> {
                    if (method.getName().equals("snapshot")) {
                        return snapshot;
                    }
                    if (method.getName().equals("nodes") && nodes != null) {
                        return nodes;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ComponentStatus component(EngineStatus status, String name) {
        return status.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
