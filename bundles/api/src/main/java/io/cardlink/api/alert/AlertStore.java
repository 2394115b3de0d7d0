package io.cardlink.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Durable alerts. Each method is one transaction. */
@ProviderType
public interface AlertStore {

    /** The outcome of {@link #raise}: the open alert, and whether it was raised now (false: an update). */
    record Raised(Alert alert, boolean created) {
    }

    /**
     * Raises the subject's alert, or, when it is already open, updates it: last seen, count, latest message and
     * severity.
     */
    Raised raise(AlertSubject subject, AlertSeverity severity, String message, Instant at);

    /** Resolves the subject's open alert; empty when none is open. */
    Optional<Alert> resolve(AlertSubject subject, Instant at);

    Optional<Alert> find(String id);

    /** The open alerts, the most recently seen first. */
    List<Alert> open();

    /** The alerts in {@code state} (null for all), the most recently seen first, at most {@code limit}. */
    List<Alert> list(AlertState state, int limit);

    /**
     * Marks an alert acknowledged by {@code by}; an alert acknowledged already keeps its first acknowledgement. A
     * {@link io.cardlink.api.NotFoundException} when there is no such alert.
     */
    Alert acknowledge(String id, String by, Instant at);
}
