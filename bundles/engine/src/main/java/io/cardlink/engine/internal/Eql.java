package io.cardlink.engine.internal;

import java.util.Collection;
import java.util.stream.Collectors;

/** EQL conditions the pipeline builds: literals are quoted, so that a value can never change the condition. */
final class Eql {

    private Eql() {
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code $code$ = 'a' OR $code$ = 'b' ...}: the cards whose attribute has one of the values. */
    static String anyOf(String attributeCode, Collection<String> values) {
        return values.stream()
                .map(value -> "$" + attributeCode + "$ = " + quote(value))
                .collect(Collectors.joining(" OR "));
    }

    /** {@code entity.id = 1 OR ...}: the cards with one of the ids (numeric ids, as the REST API uses). */
    static String idIn(Collection<String> ids) {
        return ids.stream()
                .map(id -> "entity.id = " + (id.chars().allMatch(Character::isDigit) && !id.isEmpty() ? id : quote(id)))
                .collect(Collectors.joining(" OR "));
    }

    static String equalTo(String attributeCode, String value) {
        return "$" + attributeCode + "$ = " + quote(value);
    }
}
