package io.cardlink.api.card;

import java.util.Objects;

/** A link or an attachment: a name and a location (for attachments, the id used to download the file). */
public record ExternalReferenceValue(String name, String location) implements Value {
    public ExternalReferenceValue {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public AttributeType type() {
        return AttributeType.EXTERNAL_REFERENCE;
    }

    @Override
    public String displayText() {
        return name != null ? name : location;
    }
}
