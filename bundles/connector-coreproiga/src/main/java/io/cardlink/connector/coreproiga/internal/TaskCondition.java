package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.ValidationException;

/**
 * A task's EQL filter, read token by token before it is embedded in a read's condition. The read wraps it in
 * parentheses and appends its own terms with AND; a filter can change that only by closing the parentheses early, by
 * leaving a quote or an attribute name open so that it swallows what follows, or by a comment that hides it. Each of
 * these is refused here: parentheses must balance and never close below the filter's own level, literals and
 * attribute names must be closed, and only the characters EQL conditions are made of may stand outside them.
 */
final class TaskCondition {
    static final String FIELD = "eqlFilter";

    private TaskCondition() {
    }

    /** The filter, trimmed, as one parenthesised condition; a {@link ValidationException} naming the position if not. */
    static String parenthesised(String filter) {
        String text = filter.trim();
        check(text);
        return "(" + text + ")";
    }

    private static void check(String text) {
        int depth = 0;
        int opened = -1;
        boolean term = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> {
                    i = closing(text, i, '\'', "a text literal");
                    term = true;
                }
                case '$' -> {
                    i = attribute(text, i);
                    term = true;
                }
                case '(' -> {
                    if (depth == 0) {
                        opened = i;
                    }
                    depth++;
                }
                case ')' -> {
                    if (depth == 0) {
                        throw refused(i, "')' closes a parenthesis the filter did not open");
                    }
                    depth--;
                }
                case '-', '/' -> {
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
                        throw refused(i, "comments are not allowed");
                    }
                    if (c == '/') {
                        throw refused(i, "unexpected character '/'");
                    }
                }
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        term = true;
                    } else if (!Character.isWhitespace(c) && "<>=!,._%*+".indexOf(c) < 0) {
                        throw refused(i, "unexpected character '" + c + "'");
                    }
                }
            }
        }
        if (depth > 0) {
            throw refused(opened, "'(' is not closed");
        }
        if (!term) {
            throw new ValidationException(FIELD, "has no condition");
        }
    }

    /** Index of the quote that closes the literal opened at {@code start}; a doubled quote stands for one. */
    private static int closing(String text, int start, char quote, String what) {
        for (int i = start + 1; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        throw refused(start, what + " is not closed");
    }

    private static int attribute(String text, int start) {
        int end = text.indexOf('$', start + 1);
        if (end < 0) {
            throw refused(start, "an attribute name is not closed by '$'");
        }
        if (end == start + 1) {
            throw refused(start, "empty attribute name '$$'");
        }
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                throw refused(i, "character '" + c + "' is not allowed in an attribute name");
            }
        }
        return end;
    }

    private static ValidationException refused(int index, String problem) {
        return new ValidationException(FIELD, problem + " (at position " + (index + 1) + ")");
    }
}
