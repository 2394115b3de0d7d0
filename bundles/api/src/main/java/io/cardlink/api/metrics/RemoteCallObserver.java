package io.cardlink.api.metrics;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every HTTP call a client sends to a Matrix42 instance, once per send (a retried call is told once per
 * attempt), on the calling thread: keep it quick and never throw. Registered as a service; the clients work the same
 * without one.
 */
@ConsumerType
public interface RemoteCallObserver {

    /**
     * @param instance the instance called: host and port of its base URL
     * @param method   the HTTP method
     * @param outcome  the HTTP status as a number, or the simple class name of the failure when no response came
     * @param duration from sending to the response headers, or to the failure
     */
    void called(String instance, String method, String outcome, Duration duration);
}
