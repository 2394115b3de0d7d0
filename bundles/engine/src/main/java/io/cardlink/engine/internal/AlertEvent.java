package io.cardlink.engine.internal;

import java.util.Locale;

/** What happened to an alert; each has its Event Admin topic under {@code io/cardlink/alert/}. */
enum AlertEvent {
    RAISED,
    UPDATED,
    RESOLVED,
    ACKNOWLEDGED;

    static final String TOPIC_PREFIX = "io/cardlink/alert/";

    String topic() {
        return TOPIC_PREFIX + name();
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
