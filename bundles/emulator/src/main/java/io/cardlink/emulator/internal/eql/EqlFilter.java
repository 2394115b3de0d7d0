package io.cardlink.emulator.internal.eql;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.Value;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A compiled EQL condition, as the REST {@code filter} parameter takes it. Grammar (keywords in any case):
 * <pre>
 * filter     := [SELECT entity FROM entity WHERE] or END
 * or         := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' or ')' | condition
 * condition  := operand ( op literal | [NOT] LIKE string | IS [NOT] NULL | [NOT] IN '(' literal (',' literal)* ')' )
 * op         := = | &lt;&gt; | != | &lt; | &gt; | &lt;= | &gt;=
 * operand    := $code$ | entity.id | entity.name | entity.deleted | entity.hidden | folder.code | folder.name
 *             | template.code | template.name   (entity.folder.* and entity.template.* also)
 * literal    := 'text' ('' is a quote) | number | TRUE | FALSE
 * </pre>
 * A condition on a multi-valued attribute holds when any value satisfies it; the negative forms ({@code <>},
 * {@code NOT LIKE}, {@code NOT IN}) hold when the attribute has values and none matches, as in SQL.
 */
public final class EqlFilter {

    private enum Domain { TEXT, NUMBER, DATE, BOOLEAN }

    /** {@code keyCode} is the attribute's code when the operand is a plain string attribute, which can be indexed. */
    private record Operand(Domain domain, Function<DataCard, List<Object>> values, String label, AttributeSchema reference,
            String keyCode) {
    }

    /**
     * The string values of one attribute that every matching card must hold one of: a superset filter that lets the
     * instance look cards up in an index instead of scanning. The predicate still decides.
     */
    public record KeyLookup(String attributeCode, Set<String> values) {
    }

    /** A parsed (sub)condition and, when it has one, the key look-up that narrows it. */
    private record Node(Predicate<DataCard> test, KeyLookup keys) {
    }

    /** A date value or literal; {@code day} is set for values always and for literals given without a time. */
    private record DateOf(java.time.Instant instant, LocalDate day, boolean dateOnly) {
    }

    private final Predicate<DataCard> predicate;
    private final boolean mentionsDeleted;
    private final KeyLookup keys;

    private EqlFilter(Predicate<DataCard> predicate, boolean mentionsDeleted, KeyLookup keys) {
        this.predicate = predicate;
        this.mentionsDeleted = mentionsDeleted;
        this.keys = keys;
    }

    /** Parses and checks a filter against the template; a blank filter matches every card. */
    public static EqlFilter compile(String filter, EqlContext context) {
        if (filter == null || filter.isBlank()) {
            return new EqlFilter(card -> true, false, null);
        }
        Parser parser = new Parser(Lexer.tokenize(filter), context);
        Node root = parser.parse();
        return new EqlFilter(root.test(), parser.mentionsDeleted, root.keys());
    }

    /** The values of a string attribute one of which every matching card holds, when the filter says so. */
    public Optional<KeyLookup> keyLookup() {
        return Optional.ofNullable(keys);
    }

    public boolean test(DataCard card) {
        return predicate.test(card);
    }

    /** Whether the filter says something about {@code entity.deleted}; if not, callers leave deleted cards out. */
    public boolean mentionsDeleted() {
        return mentionsDeleted;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final EqlContext context;
        private int index;
        private boolean mentionsDeleted;

        Parser(List<Token> tokens, EqlContext context) {
            this.tokens = tokens;
            this.context = context;
        }

        Node parse() {
            if (acceptKeyword("SELECT")) {
                expect("entity");
                expect("FROM");
                expect("entity");
                expect("WHERE");
            }
            Node result = or();
            Token end = peek();
            if (end.kind() != Token.Kind.END) {
                throw new EqlException(end.position(), "expected AND, OR or the end of the filter but found " + end.describe());
            }
            return result;
        }

        /** The full query form's fixed words: {@code SELECT entity FROM entity WHERE condition}. */
        private void expect(String keyword) {
            Token t = take();
            if (!t.isKeyword(keyword)) {
                throw new EqlException(t.position(), "expected " + keyword + " in 'SELECT entity FROM entity WHERE"
                        + " ...' but found " + t.describe());
            }
        }

        private Token peek() {
            return tokens.get(index);
        }

        private Token take() {
            Token t = tokens.get(index);
            if (t.kind() != Token.Kind.END) {
                index++;
            }
            return t;
        }

        private boolean acceptKeyword(String keyword) {
            if (peek().isKeyword(keyword)) {
                index++;
                return true;
            }
            return false;
        }

        private Node or() {
            Node left = and();
            while (acceptKeyword("OR")) {
                Node right = and();
                left = new Node(left.test().or(right.test()), union(left.keys(), right.keys()));
            }
            return left;
        }

        private Node and() {
            Node left = not();
            while (acceptKeyword("AND")) {
                Node right = not();
                left = new Node(left.test().and(right.test()), left.keys() != null ? left.keys() : right.keys());
            }
            return left;
        }

        /** Either side may match, so both must narrow by the same attribute for the union to narrow. */
        private static KeyLookup union(KeyLookup left, KeyLookup right) {
            if (left == null || right == null || !left.attributeCode().equals(right.attributeCode())) {
                return null;
            }
            Set<String> values = new LinkedHashSet<>(left.values());
            values.addAll(right.values());
            return new KeyLookup(left.attributeCode(), values);
        }

        private Node not() {
            if (acceptKeyword("NOT")) {
                return new Node(not().test().negate(), null);
            }
            Token t = peek();
            if (t.kind() == Token.Kind.OPEN) {
                take();
                Node inner = or();
                Token close = take();
                if (close.kind() != Token.Kind.CLOSE) {
                    throw new EqlException(close.position(), "expected ')' to close the '(' at position "
                            + t.position() + " but found " + close.describe());
                }
                return inner;
            }
            return condition();
        }

        private Node condition() {
            Operand operand = operand();
            Token t = take();
            if (t.kind() == Token.Kind.OPERATOR) {
                Token literal = take();
                Predicate<DataCard> test = compare(operand, t, literal);
                boolean narrows = operand.keyCode() != null && t.text().equals("=");
                return new Node(test, narrows ? new KeyLookup(operand.keyCode(), Set.of(literal.text())) : null);
            }
            if (t.isKeyword("IS")) {
                boolean negated = acceptKeyword("NOT");
                Token nul = take();
                if (!nul.isKeyword("NULL")) {
                    throw new EqlException(nul.position(), "expected NULL after IS" + (negated ? " NOT" : "")
                            + " but found " + nul.describe());
                }
                return new Node(negated ? card -> !operand.values().apply(card).isEmpty()
                        : card -> operand.values().apply(card).isEmpty(), null);
            }
            boolean negated = false;
            if (t.isKeyword("NOT")) {
                negated = true;
                t = take();
            }
            if (t.isKeyword("LIKE")) {
                return new Node(like(operand, take(), negated), null);
            }
            if (t.isKeyword("IN")) {
                List<Object> literals = new ArrayList<>();
                Predicate<DataCard> test = in(operand, t, negated, literals);
                boolean narrows = operand.keyCode() != null && !negated
                        && literals.stream().allMatch(l -> l instanceof String);
                Set<String> values = new LinkedHashSet<>();
                literals.forEach(l -> values.add(String.valueOf(l)));
                return new Node(test, narrows ? new KeyLookup(operand.keyCode(), values) : null);
            }
            throw new EqlException(t.position(), "expected a comparison (=, <>, !=, <, >, <=, >=, LIKE, IN, IS NULL) after "
                    + operand.label() + " but found " + t.describe());
        }

        private Operand operand() {
            Token t = take();
            if (t.kind() == Token.Kind.ATTRIBUTE) {
                AttributeSchema attribute = context.attribute(t.text()).orElseThrow(() -> new EqlException(t.position(),
                        "unknown attribute $" + t.text() + "$"));
                return attributeOperand(attribute);
            }
            if (t.kind() == Token.Kind.WORD) {
                Operand field = field(t);
                if (field != null) {
                    return field;
                }
                throw new EqlException(t.position(), "unknown field '" + t.text() + "'; expected $attribute_code$, entity.id, "
                        + "entity.name, entity.deleted, entity.hidden, folder.code, folder.name, template.code or template.name");
            }
            throw new EqlException(t.position(), "expected an attribute ($code$) or a field such as entity.id but found "
                    + t.describe());
        }

        private Operand field(Token t) {
            String name = t.text().toLowerCase(Locale.ROOT);
            if (name.startsWith("entity.folder.") || name.startsWith("entity.template.")) {
                name = name.substring("entity.".length());
            }
            return switch (name) {
                case "entity.id" -> new Operand(Domain.NUMBER, c -> List.of(new BigDecimal(c.id())), "entity.id", null, null);
                case "entity.name" -> new Operand(Domain.TEXT, c -> c.name() == null ? List.of() : List.of(c.name()),
                        "entity.name", null, null);
                case "entity.deleted" -> {
                    mentionsDeleted = true;
                    yield new Operand(Domain.BOOLEAN, c -> List.of(c.deleted()), "entity.deleted", null, null);
                }
                case "entity.hidden" -> new Operand(Domain.BOOLEAN, c -> List.of(c.hidden()), "entity.hidden", null, null);
                case "folder.code" -> new Operand(Domain.TEXT, c -> List.of(c.folderCode()), "folder.code", null, null);
                case "folder.name" -> new Operand(Domain.TEXT, c -> List.of(context.folderName(c.folderCode())),
                        "folder.name", null, null);
                case "template.code" -> new Operand(Domain.TEXT, c -> List.of(c.templateCode()), "template.code", null, null);
                case "template.name" -> new Operand(Domain.TEXT, c -> List.of(context.templateName(c.templateCode())),
                        "template.name", null, null);
                default -> null;
            };
        }

        private Operand attributeOperand(AttributeSchema attribute) {
            String code = attribute.code();
            String label = "$" + code + "$";
            return switch (attribute.type()) {
                case NUMBER -> new Operand(Domain.NUMBER, c -> map(c.values(code), v -> ((NumberValue) v).value()), label,
                        null, null);
                case DATE -> new Operand(Domain.DATE, c -> map(c.values(code), Parser::dateOf), label, null, null);
                case REFERENCE -> new Operand(Domain.TEXT, c -> map(c.values(code), this::referenceName), label, attribute,
                        null);
                case STRING -> new Operand(Domain.TEXT, c -> map(c.values(code), Value::displayText), label, null, code);
                default -> new Operand(Domain.TEXT, c -> map(c.values(code), Value::displayText), label, null, null);
            };
        }

        private Object referenceName(Value value) {
            ReferenceValue ref = (ReferenceValue) value;
            return context.card(ref.dataCardId()).map(DataCard::name).orElse(ref.displayText());
        }

        private static Object dateOf(Value value) {
            if (value instanceof DateValue d) {
                return new DateOf(d.value().atStartOfDay(ZoneOffset.UTC).toInstant(), d.value(), true);
            }
            java.time.Instant instant = ((DateTimeValue) value).value();
            return new DateOf(instant, instant.atZone(ZoneOffset.UTC).toLocalDate(), false);
        }

        private static List<Object> map(List<Value> values, Function<Value, Object> f) {
            if (values.isEmpty()) {
                return List.of();
            }
            List<Object> out = new ArrayList<>(values.size());
            for (Value v : values) {
                out.add(f.apply(v));
            }
            return out;
        }

        private Predicate<DataCard> compare(Operand operand, Token op, Token literalToken) {
            String operator = op.text();
            if (operand.domain() == Domain.BOOLEAN && !(operator.equals("=") || operator.equals("<>") || operator.equals("!="))) {
                throw new EqlException(op.position(), operand.label() + " can only be compared with =, <> or !=");
            }
            Object literal = literal(operand, literalToken);
            checkReferenceName(operand, operator, literal, literalToken);
            Function<DataCard, List<Object>> values = operand.values();
            return switch (operator) {
                case "=" -> card -> any(values.apply(card), v -> equal(v, literal));
                case "<>", "!=" -> card -> {
                    List<Object> vs = values.apply(card);
                    return !vs.isEmpty() && !any(vs, v -> equal(v, literal));
                };
                case "<" -> card -> any(values.apply(card), v -> order(v, literal) < 0);
                case ">" -> card -> any(values.apply(card), v -> order(v, literal) > 0);
                case "<=" -> card -> any(values.apply(card), v -> order(v, literal) <= 0);
                case ">=" -> card -> any(values.apply(card), v -> order(v, literal) >= 0);
                default -> throw new EqlException(op.position(), "unknown operator '" + operator + "'");
            };
        }

        private void checkReferenceName(Operand operand, String operator, Object literal, Token literalToken) {
            if (operand.reference() != null && operator.equals("=")
                    && !context.anyCardNamed(operand.reference().targetTemplates(), (String) literal)) {
                throw new EqlException(literalToken.position(), "no card named '" + literal + "' that "
                        + operand.label() + " can refer to (templates " + operand.reference().targetTemplates() + ")");
            }
        }

        private Predicate<DataCard> like(Operand operand, Token patternToken, boolean negated) {
            if (patternToken.kind() != Token.Kind.STRING) {
                throw new EqlException(patternToken.position(), "LIKE needs a quoted pattern but found " + patternToken.describe());
            }
            if (operand.domain() == Domain.BOOLEAN) {
                throw new EqlException(patternToken.position(), operand.label() + " cannot be used with LIKE");
            }
            Pattern pattern = likePattern(patternToken.text());
            Function<DataCard, List<Object>> values = operand.values();
            Predicate<Object> matches = v -> pattern.matcher(text(v)).matches();
            if (negated) {
                return card -> {
                    List<Object> vs = values.apply(card);
                    return !vs.isEmpty() && !any(vs, matches);
                };
            }
            return card -> any(values.apply(card), matches);
        }

        /** Parses the IN list into {@code literals} and returns the condition. */
        private Predicate<DataCard> in(Operand operand, Token in, boolean negated, List<Object> literals) {
            Token open = take();
            if (open.kind() != Token.Kind.OPEN) {
                throw new EqlException(open.position(), "expected '(' after IN but found " + open.describe());
            }
            while (true) {
                Token literalToken = take();
                Object literal = literal(operand, literalToken);
                checkReferenceName(operand, "=", literal, literalToken);
                literals.add(literal);
                Token sep = take();
                if (sep.kind() == Token.Kind.CLOSE) {
                    break;
                }
                if (sep.kind() != Token.Kind.COMMA) {
                    throw new EqlException(sep.position(), "expected ',' or ')' in the IN list that starts at position "
                            + in.position() + " but found " + sep.describe());
                }
            }
            Function<DataCard, List<Object>> values = operand.values();
            Predicate<Object> member = v -> any(literals, l -> equal(v, l));
            if (negated) {
                return card -> {
                    List<Object> vs = values.apply(card);
                    return !vs.isEmpty() && !any(vs, member);
                };
            }
            return card -> any(values.apply(card), member);
        }

        private Object literal(Operand operand, Token t) {
            boolean bool = t.isKeyword("TRUE") || t.isKeyword("FALSE");
            if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NUMBER && !bool) {
                if (t.isKeyword("NULL")) {
                    throw new EqlException(t.position(), "compare with NULL using IS NULL or IS NOT NULL");
                }
                throw new EqlException(t.position(), "expected a value ('text', a number, TRUE or FALSE) but found "
                        + t.describe());
            }
            String text = t.text();
            switch (operand.domain()) {
                case BOOLEAN -> {
                    String v = text.toLowerCase(Locale.ROOT);
                    if (v.equals("1") || v.equals("true")) {
                        return Boolean.TRUE;
                    }
                    if (v.equals("0") || v.equals("false")) {
                        return Boolean.FALSE;
                    }
                    throw new EqlException(t.position(), operand.label() + " is 0, 1, true or false, not " + t.describe());
                }
                case NUMBER -> {
                    if (bool) {
                        throw new EqlException(t.position(), operand.label() + " is a number, not " + t.describe());
                    }
                    try {
                        return new BigDecimal(text.trim());
                    } catch (NumberFormatException e) {
                        throw new EqlException(t.position(), operand.label() + " is a number, not " + t.describe());
                    }
                }
                case DATE -> {
                    if (t.kind() != Token.Kind.STRING) {
                        throw new EqlException(t.position(), operand.label() + " is a date; give it as a quoted date such as "
                                + "'2024-03-01' or 'now - 2w', not " + t.describe());
                    }
                    RelativeDates.DateLiteral date = RelativeDates.parse(text, context.now()).orElseThrow(() ->
                            new EqlException(t.position(), "not a date: " + t.describe() + " (use yyyy-MM-dd, an ISO "
                                    + "date-time, dd.MM.yyyy [HH:mm] or a relative date such as 'now - 2w' or 'start_week')"));
                    return new DateOf(date.instant(), date.day(), date.day() != null);
                }
                default -> {
                    if (bool) {
                        throw new EqlException(t.position(), operand.label() + " is text; quote the value: '" + text + "'");
                    }
                    return text;
                }
            }
        }

        private static boolean any(List<Object> values, Predicate<Object> test) {
            for (Object v : values) {
                if (test.test(v)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean equal(Object value, Object literal) {
            if (value instanceof DateOf v && literal instanceof DateOf l) {
                return l.dateOnly() ? l.day().equals(v.day()) : l.instant().equals(v.instant());
            }
            if (value instanceof BigDecimal v && literal instanceof BigDecimal l) {
                return v.compareTo(l) == 0;
            }
            return Objects.equals(value, literal);
        }

        @SuppressWarnings("unchecked")
        private static int order(Object value, Object literal) {
            if (value instanceof DateOf v && literal instanceof DateOf l) {
                return v.instant().compareTo(l.instant());
            }
            return ((Comparable<Object>) value).compareTo(literal);
        }

        private static String text(Object value) {
            if (value instanceof DateOf d) {
                return d.dateOnly() ? d.day().toString() : d.instant().toString();
            }
            if (value instanceof BigDecimal b) {
                return b.stripTrailingZeros().toPlainString();
            }
            return String.valueOf(value);
        }

        private static Pattern likePattern(String like) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : like.toCharArray()) {
                if (c == '%' || c == '_') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '%' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
