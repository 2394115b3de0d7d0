package io.cardlink.emulator.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.StaticChoice;

import java.util.List;

/**
 * An attribute as the emulator keeps it: the public schema plus what only the emulator needs: whether a date
 * attribute holds date-times, whether the instance maintains it (read-only), and the static choices the generator may
 * pick (a "removed" status is left out of generated data).
 */
record AttrDef(AttributeSchema schema, boolean dateTime, boolean readOnly, List<StaticChoice> generatorChoices) {

    AttrDef {
        generatorChoices = List.copyOf(generatorChoices);
    }

    String code() {
        return schema.code();
    }

    String name() {
        return schema.name();
    }

    AttributeType type() {
        return schema.type();
    }

    String wireType() {
        return schema.type().wireName();
    }

    boolean multiValue() {
        return schema.multiValue();
    }
}
