package io.cardlink.api.connector;

/** Whether an instance can be reached and accepts the connector's credentials. */
public interface ConnectionCheck {

    /** Logs in and reports the outcome; never throws and never hangs longer than the configured timeouts. */
    EndpointCheck check();
}
