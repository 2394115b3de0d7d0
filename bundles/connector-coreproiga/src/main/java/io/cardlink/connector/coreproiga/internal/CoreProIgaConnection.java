package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.connector.Connection;
import io.cardlink.esm.gateway.EsmInstanceGateway;
import java.time.Duration;

/** The remote side of one connector. */
final class CoreProIgaConnection implements Connection {
    private final EsmInstanceGateway remote;
    private final int localWritesInFlight;
    private final Duration callBudget;

    CoreProIgaConnection(EsmInstanceGateway remote, int localWritesInFlight, Duration callBudget) {
        this.remote = remote;
        this.localWritesInFlight = localWritesInFlight;
        this.callBudget = callBudget;
    }

    @Override
    public EsmInstanceGateway remote() {
        return remote;
    }

    @Override
    public int localWritesInFlight() {
        return localWritesInFlight;
    }

    @Override
    public Duration callBudget() {
        return callBudget;
    }

    /**
     * Nothing to release: the JDK's HTTP client of Java 17 has no close and lets idle connections time out, and
     * the token only lives in the gateway, which goes with this object.
     */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "CoreProIgaConnection[remote=" + remote + "]";
    }
}
