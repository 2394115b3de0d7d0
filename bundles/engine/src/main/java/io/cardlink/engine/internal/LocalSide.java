package io.cardlink.engine.internal;

import io.cardlink.api.connector.InstanceGateway;
import java.time.Duration;

/** Where the engine's work reaches the local instance: {@link LocalInstance}, or a test's own gateway. */
@FunctionalInterface
interface LocalSide {

    /** The gateway to the local instance as the settings are now. */
    InstanceGateway gateway();

    /** The longest one call to the local instance may take, its retries included; zero when it can't tell. */
    default Duration callBudget() {
        return Duration.ZERO;
    }
}
