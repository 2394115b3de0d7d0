package io.cardlink.esm.gateway;

import io.cardlink.api.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's EQL filter, read token by token before it is embedded in a read's condition. The read wraps it in
 * parentheses and appends its own terms with AND; a filter can change that only by closing the parentheses early, by
 * leaving a quote or an attribute name open so that it swallows what follows, or by a comment that hides it. Each of
 * these is refused here: parentheses must balance and never close below the filter's own level, literals and
 * attribute names must be closed, and only the characters EQL conditions are made of may stand outside them.
 */
final class TaskCondition {
    static final String FIELD = "settings." + EsmInstanceGateway.EQL_FILTER;
    private static final Pattern FULL_FORM = Pattern.compile("SELECT\\s+entity\\s+FROM\\s+entity\\s+WHERE\\s(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LEADING_SELECT = Pattern.compile("SELECT\\b", Pattern.CASE_INSENSITIVE);
    /** {@code [entity.]template.code = 'x'} or {@code [entity.]folder.code = 'x'}. */
    private static final Pattern SCOPE_TERM = Pattern.compile(
            "(?:entity\\.)?(template|folder)\\.code\\s*=\\s*'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);

    private TaskCondition() {
    }

    /**
     * The filter's condition, trimmed, as one parenthesised condition; a {@link ValidationException} naming the
     * position if not. The vendor's full form {@code SELECT entity FROM entity WHERE condition} gives its condition.
     */
    static String parenthesised(String filter) {
        String text = condition(filter);
        check(text);
        return "(" + text.trim() + ")";
    }

    /**
     * Refuses a filter whose top-level {@code AND} terms name another template or folder than the read's: such a
     * task would read nothing, whatever the cards. Terms under {@code OR} or {@code NOT} are left to the instance.
     */
    static void checkScope(String filter, String templateCode, String folderCode) {
        for (String term : topLevelTerms(condition(filter).trim())) {
            Matcher m = SCOPE_TERM.matcher(term);
            if (!m.matches()) {
                continue;
            }
            boolean template = m.group(1).equalsIgnoreCase("template");
            String named = m.group(2).replace("''", "'");
            String own = template ? templateCode : folderCode;
            if (own != null && !own.isBlank() && !named.equals(own.trim())) {
                throw new ValidationException(FIELD, "'" + term + "' contradicts the task's "
                        + (template ? "template" : "folder") + " '" + own.trim() + "' (remote"
                        + (template ? "Template" : "Folder") + "): the task would read no card");
            }
        }
    }

    /**
     * The condition of the full form, its prefix blanked so that positions stay those of the filter as given; the
     * filter itself when it is a bare condition.
     */
    private static String condition(String filter) {
        String text = filter.trim();
        Matcher full = FULL_FORM.matcher(text);
        if (full.matches()) {
            return " ".repeat(full.start(1)) + full.group(1);
        }
        if (LEADING_SELECT.matcher(text).lookingAt()) {
            throw new ValidationException(FIELD, "a query must have the form 'SELECT entity FROM entity WHERE"
                    + " condition'; or give the condition alone");
        }
        return text;
    }

    /** The terms joined by {@code AND} outside parentheses and literals; none when an {@code OR} stands there too. */
    private static List<String> topLevelTerms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = closing(text, i, '\'', "a text literal");
            } else if (c == '$') {
                i = attribute(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && wordAt(text, i, "OR")) {
                return List.of();
            } else if (depth == 0 && wordAt(text, i, "AND")) {
                terms.add(text.substring(start, i).trim());
                start = i + 3;
            }
        }
        terms.add(text.substring(start).trim());
        return terms;
    }

    private static boolean wordAt(String text, int i, String word) {
        int end = i + word.length();
        return text.regionMatches(true, i, word, 0, word.length())
                && (i == 0 || !isWordChar(text.charAt(i - 1)))
                && (end == text.length() || !isWordChar(text.charAt(end)));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
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
