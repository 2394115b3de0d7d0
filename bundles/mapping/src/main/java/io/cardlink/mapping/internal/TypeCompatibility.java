package io.cardlink.mapping.internal;

import io.cardlink.api.card.AttributeType;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which attribute types a source type converts to: the conversion table of the mapping engine, by schema type. */
final class TypeCompatibility {
    private static final Map<AttributeType, Set<AttributeType>> TARGETS = new EnumMap<>(AttributeType.class);

    static {
        for (AttributeType type : AttributeType.values()) {
            TARGETS.put(type, EnumSet.of(type));
        }
        TARGETS.get(AttributeType.STRING).addAll(
                EnumSet.of(AttributeType.NUMBER, AttributeType.DATE, AttributeType.STATIC_VALUE));
        TARGETS.get(AttributeType.NUMBER).add(AttributeType.STRING);
        TARGETS.get(AttributeType.DATE).add(AttributeType.STRING);
        TARGETS.get(AttributeType.STATIC_VALUE).add(AttributeType.STRING);
        TARGETS.get(AttributeType.REFERENCE).add(AttributeType.STRING);
    }

    private TypeCompatibility() {
    }

    static boolean converts(AttributeType source, AttributeType target) {
        return TARGETS.get(source).contains(target);
    }

    /** The message for a pair whose types do not convert, naming both types and what the source could map to. */
    static String refusal(AttributeType source, AttributeType target) {
        String allowed = Stream.concat(Stream.of(source),
                TARGETS.get(source).stream().filter(type -> type != source))
                .map(AttributeType::wireName).collect(Collectors.joining(" or "));
        return "cannot map " + source.wireName() + " to " + target.wireName() + "; " + source.wireName()
                + " maps to " + allowed;
    }
}
