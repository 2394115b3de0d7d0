package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
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
