package io.cardlink.mapping.internal;

import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The choices of a target static-value attribute, indexed once by code and by value. A schema that lists no
 * choices says nothing about them, so values then pass as they are and the instance judges them.
 */
final class StaticChoices {
    private final String attribute;
    private final Map<String, StaticChoice> byCode = new HashMap<>();
    private final Map<String, StaticChoice> byValue = new HashMap<>();

    StaticChoices(String attribute, List<StaticChoice> choices) {
        this.attribute = attribute;
        for (StaticChoice choice : choices) {
            if (choice.code() != null) {
                byCode.putIfAbsent(choice.code(), choice);
            }
            if (choice.value() != null) {
                byValue.putIfAbsent(choice.value(), choice);
            }
        }
    }

    /** The target choice with the code of a source choice, else with its value. */
    StaticValue rematch(StaticValue source) throws UnmappableValue {
        if (byCode.isEmpty() && byValue.isEmpty()) {
            return source;
        }
        StaticChoice choice = source.code() == null ? null : byCode.get(source.code());
        if (choice == null && source.value() != null) {
            choice = byValue.get(source.value());
        }
        if (choice == null) {
            throw new UnmappableValue("no choice of '" + attribute + "' matches value '" + source.value()
                    + "' or code '" + source.code() + "'");
        }
        return toValue(choice);
    }

    /** The target choice whose value, else whose code, is the text. */
    StaticValue match(String text) throws UnmappableValue {
        if (byCode.isEmpty() && byValue.isEmpty()) {
            return new StaticValue(text, null);
        }
        StaticChoice choice = byValue.get(text);
        if (choice == null) {
            choice = byCode.get(text);
        }
        if (choice == null) {
            throw new UnmappableValue("no choice of '" + attribute + "' has the value or code '" + text + "'");
        }
        return toValue(choice);
    }

    private static StaticValue toValue(StaticChoice choice) {
        return new StaticValue(choice.value(), choice.code());
    }
}
