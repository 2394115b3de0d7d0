package io.cardlink.storage.jpa.internal;

import io.cardlink.api.Validation;

/** Lengths of the text columns that a caller fills, checked before a write so that none fails as an SQL error. */
final class Columns {

    static final int ID = 64;
    static final int RUN_ID = 100;
    static final int NAME = 200;
    static final int TYPE_ID = 100;
    static final int DESCRIPTION = 2_000;
    static final int SHORT_TEXT = 200;
    static final int SEALED_VALUE = 8_000;
    static final int TRIGGER = 50;
    static final int NODE = 100;
    static final int EXTRACT_FILE = 1_000;

    private Columns() {
    }

    static boolean fits(String value, int length) {
        return value == null || value.length() <= length;
    }

    static String tooLong(int length) {
        return "at most " + length + " characters";
    }

    /** Checks a value's length, writing the problem only when there is one: stores check every row of a page. */
    static Validation checkFits(Validation validation, String field, String value, int length) {
        return fits(value, length) ? validation : validation.add(field, tooLong(length));
    }
}
