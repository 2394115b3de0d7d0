package io.cardlink.engine.internal;

import io.cardlink.api.connector.Connection;
import io.cardlink.api.service.ConnectionProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Connections shared by the outbox's workers, one per connector, so that operations in a row reuse the remote
 * instance's login instead of logging in for each card. A connection is replaced after {@link #REUSE}, so that a
 * changed connector (address, password) is picked up; a replaced one is closed once no worker uses it any more.
 */
final class SharedConnections {

    static final Duration REUSE = Duration.ofMinutes(1);

    private static final class Shared {
        final Connection connection;
        final Instant openedAt;
        int users;
        boolean retired;

        Shared(Connection connection, Instant openedAt) {
            this.connection = connection;
            this.openedAt = openedAt;
        }
    }

    private final ConnectionProvider provider;
    private final Clock clock;
    private final Map<String, Shared> byConnector = new HashMap<>();

    SharedConnections(ConnectionProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    /** Runs {@code work} with the connector's shared connection, opening one when there is none or it is too old. */
    <R> R with(String connectorId, Function<Connection, R> work) {
        Shared shared = acquire(connectorId);
        try {
            return work.apply(shared.connection);
        } finally {
            release(shared);
        }
    }

    /** Closes every connection no worker uses and retires the others. */
    synchronized void closeAll() {
        byConnector.values().forEach(shared -> {
            shared.retired = true;
            closeIfUnused(shared);
        });
        byConnector.clear();
    }

    private Shared acquire(String connectorId) {
        Instant now = clock.instant();
        synchronized (this) {
            Shared current = byConnector.get(connectorId);
            if (current != null && current.openedAt.plus(REUSE).isAfter(now)) {
                current.users++;
                return current;
            }
            if (current != null) {
                current.retired = true;
                closeIfUnused(current);
                byConnector.remove(connectorId);
            }
        }
        // Opening does no I/O (the gateways log in when first used), but it reads the store: not under the lock.
        Shared opened = new Shared(provider.open(connectorId), now);
        synchronized (this) {
            Shared raced = byConnector.get(connectorId);
            if (raced != null && !raced.retired) {
                opened.connection.close();
                raced.users++;
                return raced;
            }
            byConnector.put(connectorId, opened);
            opened.users++;
            return opened;
        }
    }

    private synchronized void release(Shared shared) {
        shared.users--;
        closeIfUnused(shared);
    }

    private static void closeIfUnused(Shared shared) {
        if (shared.retired && shared.users == 0) {
            shared.connection.close();
        }
    }
}
