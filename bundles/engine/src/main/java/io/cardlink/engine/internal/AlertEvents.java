package io.cardlink.engine.internal;

import io.cardlink.api.alert.Alert;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts every alert change to Event Admin (topics {@code io/cardlink/alert/RAISED}, {@code UPDATED}, {@code RESOLVED},
 * {@code ACKNOWLEDGED}; the alert's fields as properties), so that another bundle can forward alerts. Active only
 * while an Event Admin is there; a component of its own so that the engine does not need one.
 */
@Component(service = AlertSink.class)
public class AlertEvents implements AlertSink {

    private final EventAdmin events;

    @Activate
    public AlertEvents(@Reference EventAdmin events) {
        this.events = events;
    }

    @Override
    public void deliver(AlertEvent event, Alert alert) {
        // asynchronous: a slow handler never holds up the run or check that changed the alert
        events.postEvent(new Event(event.topic(), AlertFields.of(event, alert)));
    }
}
