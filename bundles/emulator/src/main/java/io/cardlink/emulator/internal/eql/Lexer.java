package io.cardlink.emulator.internal.eql;

import java.util.ArrayList;
import java.util.List;

/** Splits a filter into tokens: {@code $code$}, words, {@code '...'} strings ({@code ''} is a quote), numbers, operators. */
final class Lexer {
    private final String input;
    private int index;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new Lexer(input).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (index >= input.length()) {
                tokens.add(new Token(Token.Kind.END, "", index + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (index < input.length() && Character.isWhitespace(input.charAt(index))) {
            index++;
        }
    }

    private Token next() {
        int start = index;
        char c = input.charAt(index);
        if (c == '$') {
            return attribute(start);
        }
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || (c == '-' && index + 1 < input.length() && Character.isDigit(input.charAt(index + 1)))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (index < input.length() && (Character.isLetterOrDigit(input.charAt(index))
                    || input.charAt(index) == '_' || input.charAt(index) == '.')) {
                index++;
            }
            return new Token(Token.Kind.WORD, input.substring(start, index), start + 1);
        }
        switch (c) {
            case '(':
                index++;
                return new Token(Token.Kind.OPEN, "(", start + 1);
            case ')':
                index++;
                return new Token(Token.Kind.CLOSE, ")", start + 1);
            case ',':
                index++;
                return new Token(Token.Kind.COMMA, ",", start + 1);
            case '=':
                index++;
                return new Token(Token.Kind.OPERATOR, "=", start + 1);
            case '<':
            case '>':
            case '!':
                return comparison(start, c);
            default:
                throw new EqlException(start + 1, "unexpected character '" + c + "'");
        }
    }

    private Token comparison(int start, char c) {
        index++;
        char following = index < input.length() ? input.charAt(index) : 0;
        if (following == '=' || (c == '<' && following == '>')) {
            index++;
            return new Token(Token.Kind.OPERATOR, input.substring(start, index), start + 1);
        }
        if (c == '!') {
            throw new EqlException(start + 1, "unexpected character '!' (did you mean '!='?)");
        }
        return new Token(Token.Kind.OPERATOR, String.valueOf(c), start + 1);
    }

    private Token attribute(int start) {
        int close = input.indexOf('$', start + 1);
        if (close < 0) {
            throw new EqlException(start + 1, "attribute name is not closed by '$'");
        }
        String code = input.substring(start + 1, close);
        if (code.isEmpty()) {
            throw new EqlException(start + 1, "empty attribute name '$$'");
        }
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-')) {
                throw new EqlException(start + 2 + i, "character '" + ch + "' is not allowed in an attribute name");
            }
        }
        index = close + 1;
        return new Token(Token.Kind.ATTRIBUTE, code, start + 1);
    }

    private Token string(int start) {
        StringBuilder text = new StringBuilder();
        index++;
        while (index < input.length()) {
            char ch = input.charAt(index);
            if (ch == '\'') {
                if (index + 1 < input.length() && input.charAt(index + 1) == '\'') {
                    text.append('\'');
                    index += 2;
                    continue;
                }
                index++;
                return new Token(Token.Kind.STRING, text.toString(), start + 1);
            }
            text.append(ch);
            index++;
        }
        throw new EqlException(start + 1, "string literal is not closed by a quote");
    }

    private Token number(int start) {
        index++;
        boolean dot = false;
        while (index < input.length()) {
            char ch = input.charAt(index);
            if (Character.isDigit(ch)) {
                index++;
            } else if (ch == '.' && !dot && index + 1 < input.length() && Character.isDigit(input.charAt(index + 1))) {
                dot = true;
                index++;
            } else {
                break;
            }
        }
        if (index < input.length() && (Character.isLetter(input.charAt(index)) || input.charAt(index) == '_')) {
            throw new EqlException(index + 1, "unexpected character '" + input.charAt(index) + "' after a number");
        }
        return new Token(Token.Kind.NUMBER, input.substring(start, index), start + 1);
    }
}
