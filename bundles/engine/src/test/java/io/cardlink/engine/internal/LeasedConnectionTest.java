package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardDelete;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.EventOperation;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasedConnectionTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aClaimShorterThanTheCallsBudgetIsMovedOnBeforeTheCall() {
        outbox.put(running("op-1"), card(), "node-1", NOW.plus(LEASE));
        LeasedConnection leased = new LeasedConnection(connection(Duration.ofMinutes(25)), local(Duration.ZERO), outbox, "op-1", "node-1",
                NOW.plus(LEASE), LEASE, CLOCK);

        ((CardDelete) leased.remote()).delete("person", "42");

        assertEquals(List.of("remote delete"), calls);
        assertEquals(NOW.plus(Duration.ofMinutes(35)), outbox.leaseUntil("op-1"));
        assertEquals(NOW.plus(Duration.ofMinutes(35)), leased.leaseUntil());
    }

    @Test
    void aClaimThatOutlastsTheBudgetIsLeftAsItIs() {
        outbox.put(running("op-1"), card(), "node-1", NOW.plus(LEASE));
        LeasedConnection leased = new LeasedConnection(connection(Duration.ofMinutes(2)), local(Duration.ofMinutes(2)), outbox, "op-1", "node-1",
                NOW.plus(LEASE), LEASE, CLOCK);

        leased.local().delete("person", "42");

        assertEquals(List.of("local delete"), calls);
        assertEquals(NOW.plus(LEASE), outbox.leaseUntil("op-1"));
    }

    @Test
    void aClaimAnotherNodeTookStopsTheWriteBeforeItsCall() {
        outbox.put(running("op-1"), card(), "node-2", NOW.plus(Duration.ofMinutes(9)));
        LeasedConnection leased = new LeasedConnection(connection(Duration.ofMinutes(25)), local(Duration.ZERO), outbox, "op-1", "node-1",
                NOW.plus(LEASE), LEASE, CLOCK);

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> ((CardDelete) leased.remote()).delete("person", "42"));

        assertTrue(e.getMessage().contains("taken over by another node"), e.getMessage());
        assertEquals(List.of(), calls);
        assertEquals(NOW.plus(Duration.ofMinutes(9)), outbox.leaseUntil("op-1"));
    }

    @Test
    void theEnginesLocalInstanceWithTheLongerBudgetSetsHowFarTheClaimMoves() {
        outbox.put(running("op-1"), card(), "node-1", NOW.plus(LEASE));
        LeasedConnection leased = new LeasedConnection(connection(Duration.ofMinutes(2)), local(Duration.ofMinutes(25)),
                outbox, "op-1", "node-1", NOW.plus(LEASE), LEASE, CLOCK);

        leased.local().delete("person", "42");

        assertEquals(List.of("local delete"), calls);
        assertEquals(NOW.plus(Duration.ofMinutes(35)), outbox.leaseUntil("op-1"));
    }

    @Test
    void theClaimedFarSideOffersWhatTheConnectorsFarSideCanDoAndNothingMore() {
        FarSide readsOnly = FarSideSubset.of(recording("remote"), EnumSet.of(Capability.READ_FULL,
                Capability.FIND_BY_KEYS));
        LeasedConnection leased = new LeasedConnection(connection(Duration.ZERO, readsOnly), local(Duration.ZERO),
                outbox, "op-1", "node-1", NOW.plus(LEASE), LEASE, CLOCK);

        assertEquals(EnumSet.of(Capability.READ_FULL, Capability.FIND_BY_KEYS),
                Capability.of(leased.remote().getClass()));
        assertFalse(leased.remote() instanceof CardDelete);
        assertEquals(Capability.of(InstanceGateway.class), Capability.of(leased.local().getClass()));
    }

    private LocalSide local(Duration budget) {
        InstanceGateway local = recording("local");
        return new LocalSide() {
            @Override
            public InstanceGateway gateway() {
                return local;
            }

            @Override
            public Duration callBudget() {
                return budget;
            }
        };
    }

    private Connection connection(Duration budget) {
        return connection(budget, recording("remote"));
    }

    private Connection connection(Duration budget, FarSide remote) {
        return new Connection() {
            @Override
            public FarSide remote() {
                return remote;
            }

            @Override
            public Duration callBudget() {
                return budget;
            }

            @Override
            public void close() {
            }
        };
    }

    private InstanceGateway recording(String name) {
        return (InstanceGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> {
                    calls.add(name + " " + method.getName());
                    return null;
                });
    }

    private static Operation running(String id) {
        return new Operation(id, "task-1", "connector-1", EventOperation.DELETE, "K-1", null, null, null, "wf",
                OperationStatus.RUNNING, 1, null, null, null, null, NOW.minusSeconds(5), null);
    }

    private static DataCard card() {
        return DataCard.draft("person", "persons", Map.of());
    }
}
