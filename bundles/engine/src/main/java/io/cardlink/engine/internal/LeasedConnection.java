package io.cardlink.engine.internal;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.store.OutboxStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The connection one claimed operation is written through, with the engine's local instance beside it. Before each
 * call to either instance, the claim's lease is moved on when it would end before the call's retry budget (the longer
 * of {@link Connection#callBudget()} and {@link LocalSide#callBudget()}) could, so that the
 * lease is always longer than the budget of the call it covers and no other node takes the operation while one of its
 * calls may still be under way, however long the connector lets a call retry and however many calls the write makes
 * (references resolved, the look-up of the card, the write). A claim found lost stops the write before the call.
 */
final class LeasedConnection implements Connection {
    private final Connection connection;
    private final LocalSide localSide;
    private final OutboxStore outbox;
    private final String operationId;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final FarSide remote;
    private final InstanceGateway local;
    private Instant leaseUntil;

    /**
     * @param leaseUntil when the claim on the operation ends now
     * @param lease      the dispatcher's lease: how much longer than the call's budget a moved claim holds
     */
    LeasedConnection(Connection connection, LocalSide localSide, OutboxStore outbox, String operationId, String owner,
            Instant leaseUntil, Duration lease, Clock clock) {
        this.connection = connection;
        this.localSide = localSide;
        this.outbox = outbox;
        this.operationId = operationId;
        this.owner = owner;
        this.leaseUntil = leaseUntil;
        this.lease = lease;
        this.clock = clock;
        this.remote = covered(connection.remote(), FarSide.class);
        this.local = covered(localSide.gateway(), InstanceGateway.class);
    }

    @Override
    public FarSide remote() {
        return remote;
    }

    /** The engine's local instance, under the same claim. */
    InstanceGateway local() {
        return local;
    }

    @Override
    public int localWritesInFlight() {
        return connection.localWritesInFlight();
    }

    @Override
    public Duration callBudget() {
        Duration remoteBudget = connection.callBudget();
        Duration localBudget = localSide.callBudget();
        return remoteBudget.compareTo(localBudget) >= 0 ? remoteBudget : localBudget;
    }

    /** The shared connection stays open for the next operations: closing is its owner's business. */
    @Override
    public void close() {
    }

    /** When the claim ends, as this write last set or found it. */
    synchronized Instant leaseUntil() {
        return leaseUntil;
    }

    /** Makes sure the claim outlasts a call that starts now. */
    synchronized void cover() {
        Instant now = clock.instant();
        Duration budget = callBudget();
        if (!leaseUntil.isBefore(now.plus(budget))) {
            return;
        }
        Instant until = now.plus(budget).plus(lease);
        if (outbox.extendLease(operationId, owner, until).isEmpty()) {
            throw new UnavailableException("operation " + operationId + " was taken over by another node: its claim"
                    + " ended before this node could write it");
        }
        leaseUntil = until;
    }

    /**
     * The far side under the claim: a proxy with exactly the operation interfaces of {@code gateway} (so that it
     * offers what the far side can do, and nothing more) beside {@code as}.
     */
    private <T extends FarSide> T covered(T gateway, Class<T> as) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(as);
        Capability.of(gateway.getClass()).forEach(capability -> interfaces.add(capability.operation()));
        return as.cast(Proxy.newProxyInstance(FarSide.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(gateway, args);
                    }
                    cover();
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
