package io.cardlink.engine.internal;

import io.cardlink.api.alert.Alert;

/**
 * Where alerts go besides the list (Event Admin, a webhook), registered as whiteboard services of the engine. Told on
 * the thread that changed the alert: an implementation hands slow work to its own thread and never throws.
 */
interface AlertSink {
    void deliver(AlertEvent event, Alert alert);
}
