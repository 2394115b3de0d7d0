package io.cardlink.emulator.internal.eql;

import java.util.Locale;

/** One lexical unit of a filter; {@code position} is 1-based. */
record Token(Kind kind, String text, int position) {

    enum Kind { ATTRIBUTE, WORD, STRING, NUMBER, OPERATOR, OPEN, CLOSE, COMMA, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    String describe() {
        return switch (kind) {
            case END -> "end of filter";
            case STRING -> "'" + text + "'";
            case ATTRIBUTE -> "$" + text + "$";
            default -> "'" + text + "'";
        };
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
