package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.scheduler.SchedulerSnapshot;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineStatus;
import io.cardlink.api.store.StoreHealth;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineStatusReporterTest {

    private final EngineStatusReporter reporter = new EngineStatusReporter(new ConnectorTypeRegistry() {
        @Override
        public Optional<ConnectorType> find(String typeId) {
            return Optional.empty();
        }

        @Override
        public List<ConnectorType> installed() {
            return List.of();
        }
    }, "1.0.0");

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

    private static TaskScheduler scheduler(SchedulerSnapshot snapshot) {
        return (TaskScheduler) Proxy.newProxyInstance(TaskScheduler.class.getClassLoader(),
                new Class<?>[] {TaskScheduler.class}, (proxy, method, args) -> {
                    if (method.getName().equals("snapshot")) {
                        return snapshot;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ComponentStatus component(EngineStatus status, String name) {
        return status.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
