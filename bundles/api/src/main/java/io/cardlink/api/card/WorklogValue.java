package io.cardlink.api.card;

import java.time.Instant;
import java.util.Objects;

/** A worklog entry. Writing one appends it; author and date are set by the instance. */
public record WorklogValue(String author, String text, Instant date) implements Value {
    public WorklogValue {
        Objects.requireNonNull(text, "text");
    }

    public static WorklogValue of(String text) {
        return new WorklogValue(null, text, null);
    }

    @Override
    public AttributeType type() {
        return AttributeType.WORKLOG;
    }

    @Override
    public String displayText() {
        return text;
    }
}
