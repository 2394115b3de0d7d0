package io.cardlink.api.card;

import java.util.Objects;

/**
 * A reference to another data card. Only {@code dataCardId} is needed to write one; reads also carry the
 * target's name and template.
 */
public record ReferenceValue(String dataCardId, String name, String templateCode) implements Value {
    public ReferenceValue {
        Objects.requireNonNull(dataCardId, "dataCardId");
    }

    public static ReferenceValue to(String dataCardId) {
        return new ReferenceValue(dataCardId, null, null);
    }

    @Override
    public AttributeType type() {
        return AttributeType.REFERENCE;
    }

    @Override
    public String displayText() {
        return name != null ? name : dataCardId;
    }
}
