package io.cardlink.api.connector;

import java.time.Duration;

/**
 * An open link to the instance one connector points at. The local instance is the engine's, reached through its own
 * gateway; a connector type provides only this far side. Opening it does no I/O; the gateway logs in when first
 * used. Close it when the run or the request is over.
 */
public interface Connection extends AutoCloseable {

    /**
     * The instance the connector points at: scheduled tasks read from it, event tasks write to it. An instance of
     * the type's {@link ConnectorType#farSide()}: it implements the operation interfaces the type's capabilities
     * are derived from, and no others.
     */
    FarSide remote();

    /**
     * How many bulk writes of one page a scheduled task's run may have in flight at once against the local
     * instance; 1 writes them one after the other.
     */
    default int localWritesInFlight() {
        return 1;
    }

    /**
     * The longest one call to the remote instance may take, its retries, waits and timeouts included: what a claim on
     * work that makes the call must outlast. Zero when the connector can't tell.
     */
    default Duration callBudget() {
        return Duration.ZERO;
    }

    @Override
    void close();
}
