package io.cardlink.emulator.internal.eql;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EqlFilterTest {
    private static final Instant NOW = Instant.parse("2025-06-18T12:00:00Z"); // a Wednesday

    private static final Map<String, AttributeSchema> ATTRS = new LinkedHashMap<>();

    static {
        add("subject", AttributeType.STRING, false);
        add("tags", AttributeType.STRING, true);
        add("priority", AttributeType.NUMBER, false);
        add("due_date", AttributeType.DATE, false);
        add("updated", AttributeType.DATE, false);
        ATTRS.put("status", new AttributeSchema("status", "Status", AttributeType.STATIC_VALUE, false, false,
                List.of(new StaticChoice("solving", "02 - Solving")), List.of()));
        ATTRS.put("customer", new AttributeSchema("customer", "Customer", AttributeType.REFERENCE, false, false,
                List.of(), List.of("person")));
    }

    private static void add(String code, AttributeType type, boolean multi) {
        ATTRS.put(code, new AttributeSchema(code, code, type, multi, false, List.of(), List.of()));
    }

    private static final DataCard PERSON = new DataCard("7", "person", "persons", "Anna Admin", false, false, Map.of());

    private static final EqlContext CONTEXT = new EqlContext() {
        @Override
        public Optional<AttributeSchema> attribute(String code) {
            return Optional.ofNullable(ATTRS.get(code));
        }

        @Override
        public Optional<DataCard> card(String id) {
            return id.equals("7") ? Optional.of(PERSON) : Optional.empty();
        }

        @Override
        public boolean anyCardNamed(List<String> templates, String name) {
            return templates.contains("person") && name.equals("Anna Admin");
        }

        @Override
        public String folderName(String code) {
            return "Incident management";
        }

        @Override
        public String templateName(String code) {
            return "Incident";
        }

        @Override
        public Instant now() {
            return NOW;
        }
    };

    private static DataCard card(String id, boolean deleted, Map<String, List<Value>> values) {
        return new DataCard(id, "incident", "incident_management", "card " + id, deleted, false, values);
    }

    private static final DataCard A = card("100", false, Map.of(
            "subject", List.of(new StringValue("Printer isn't working")),
            "tags", List.of(new StringValue("hardware"), new StringValue("vip")),
            "priority", List.of(NumberValue.of(2)),
            "due_date", List.of(new DateValue(LocalDate.parse("2025-06-17"))),
            "updated", List.of(new DateTimeValue(Instant.parse("2025-06-18T11:00:00Z"))),
            "status", List.of(new StaticValue("02 - Solving", "solving")),
            "customer", List.of(ReferenceValue.to("7"))));
    private static final DataCard B = card("200", true, Map.of(
            "subject", List.of(new StringValue("Laptop slow")),
            "priority", List.of(new NumberValue(new java.math.BigDecimal("4.5"))),
            "updated", List.of(new DateTimeValue(Instant.parse("2025-05-01T00:00:00Z")))));

    private static boolean matches(String filter, DataCard card) {
        return EqlFilter.compile(filter, CONTEXT).test(card);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$subject$ = 'Printer isn''t working'            | true  | false",
        "$subject$ <> 'Laptop slow'                      | true  | false",
        "$subject$ != 'Laptop slow'                      | true  | false",
        "$subject$ like 'Print%'                         | true  | false",
        "$subject$ LIKE '_aptop%'                        | false | true",
        "$subject$ NOT LIKE '%slow'                      | true  | false",
        "$tags$ = 'vip'                                  | true  | false",
        "$tags$ IS NULL                                  | false | true",
        "$tags$ is not null                              | true  | false",
        "$priority$ >= 2 and $priority$ < 3              | true  | false",
        "$priority$ > '4'                                | false | true",
        "$priority$ = 4.50                               | false | true",
        "$priority$ IN (1, 2, 3)                         | true  | false",
        "$priority$ NOT IN (1, 2, 3)                     | false | true",
        "entity.id = 200                                 | false | true",
        "entity.id > '150'                               | false | true",
        "entity.deleted = 1                              | false | true",
        "entity.deleted = false                          | true  | false",
        "ENTITY.DELETED = TRUE                           | false | true",
        "entity.hidden = 0                               | true  | true",
        "folder.code = 'incident_management'             | true  | true",
        "template.code = 'incident' AND NOT entity.id=100 | false | true",
        "$status$ = '02 - Solving'                       | true  | false",
        "$customer$ = 'Anna Admin'                       | true  | false",
        "$customer$ like 'Anna%'                         | true  | false",
        "$due_date$ = '2025-06-17'                       | true  | false",
        "$due_date$ < 'today'                            | true  | false",
        "$updated$ > 'start_week'                        | true  | false",
        "$updated$ > 'now - 2w'                          | true  | false",
        "$updated$ > 'now - 1h'                          | false | false",
        "$updated$ >= 'now-1 h'                          | true  | false",
        "$updated$ >= 'start_month - 1m'                 | true  | true",
        "$updated$ < 'start_year + 1y'                   | true  | true",
        "$updated$ = '2025-06-18'                        | true  | false",
        "$updated$ > '2025-06-18T10:59:59Z'              | true  | false",
        "$updated$ < '01.06.2025 00:00'                  | false | true",
        "($priority$ = 2 OR $priority$ = 4.5) AND ($subject$ LIKE '%o%') | true | true",
        "not ($priority$ = 2) or entity.id = 100         | true  | true",
        "SELECT entity FROM entity WHERE entity.template.code = 'incident' AND entity.deleted = 0 AND $tags$ is not null | true | false",
        "select entity from entity where entity.folder.code = 'incident_management' and $priority$ = 4.5 | false | true",
        "Select Entity From Entity Where template.code = 'person'  | false | false",
    })
    void evaluates(String filter, boolean a, boolean b) {
        assertEquals(a, matches(filter, A), filter + " on A");
        assertEquals(b, matches(filter, B), filter + " on B");
    }

    @Test
    void onlyFiltersThatNameEntityDeletedSeeDeletedCards() {
        assertTrue(EqlFilter.compile("entity.deleted = 1", CONTEXT).mentionsDeleted());
        assertFalse(EqlFilter.compile("$priority$ > 1", CONTEXT).mentionsDeleted());
        assertTrue(EqlFilter.compile("   ", CONTEXT).test(B));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$nope$ = 'x'                  | 1  | unknown attribute $nope$",
        "$subject$ = 'x' AND           | 20 | expected an attribute",
        "$subject$ = 'unclosed         | 13 | not closed",
        "$subject = 'x'                | 1  | not closed by '$'",
        "$subject$ 'x'                 | 11 | expected a comparison",
        "($subject$ = 'x'              | 17 | expected ')'",
        "$subject$ = 'x')              | 16 | expected AND, OR",
        "$priority$ = 'high'           | 14 | is a number",
        "$due_date$ > 'yesterday-ish'  | 14 | not a date",
        "$due_date$ > 5                | 14 | is a date",
        "entity.deleted = 2            | 18 | 0, 1, true or false",
        "entity.deleted > 0            | 16 | can only be compared",
        "entity.nope = 1               | 1  | unknown field 'entity.nope'",
        "$subject$ = NULL              | 13 | IS NULL",
        "$subject$ IS 'x'              | 14 | expected NULL",
        "$subject$ LIKE 5              | 16 | quoted pattern",
        "$subject$ IN ('a' 'b')        | 19 | expected ',' or ')'",
        "$subject$ = 'a' # 1           | 17 | unexpected character '#'",
        "$customer$ = 'Nobody'         | 14 | no card named 'Nobody'",
        "$$ = 1                        | 1  | empty attribute name",
        "$subject$ ! 'x'               | 11 | did you mean '!='",
        "SELECT entity FROM entity     | 26 | expected WHERE in 'SELECT entity FROM entity WHERE ...' but found end",
        "SELECT card FROM entity WHERE entity.id = 1 | 8 | expected entity",
        "SELECT entity WHERE entity.id = 1 | 15 | expected FROM",
        "$subject$ = TRUE              | 13 | quote the value",
        "12abc = 1                     | 3  | after a number",
    })
    void reportsWhereAndWhat(String filter, int position, String detail) {
        EqlException e = assertThrows(EqlException.class, () -> EqlFilter.compile(filter, CONTEXT));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid filter at position " + position + ": "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", ")", "'", "$", "=", "AND", "NOT", "$subject$", "$subject$ =", "$subject$ IN (",
        "$subject$ IN ()", "((((", "$priority$ = -", "\u0000", "$subject$ = 'x' OR OR"})
    void malformedInputNeverEscapesAsAnotherException(String filter) {
        assertThrows(EqlException.class, () -> EqlFilter.compile(filter, CONTEXT));
    }

    @Test
    void randomInputEitherCompilesOrFailsWithAPosition() {
        String alphabet = "$subject$priority$ ()'=<>!%_andorNOTlikeIS NULL12.-entity.idfolder.code,\u00e4";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                EqlFilter.compile(s.toString(), CONTEXT).test(A);
            } catch (EqlException e) {
                assertTrue(e.position() >= 1 && e.position() <= s.length() + 1, s + " -> " + e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$subject$ = 'a'                                   | a",
        "$subject$ = 'a' OR $subject$ = 'b'                | a,b",
        "$subject$ IN ('a', 'b') OR ($subject$ = 'c')      | a,b,c",
        "$subject$ = 'a' AND $priority$ > 1                | a",
        "$priority$ > 1 AND ($subject$ = 'a' OR $subject$ = 'b') | a,b",
        "$subject$ = 'a' OR $priority$ > 1                 | ",
        "$subject$ <> 'a'                                  | ",
        "NOT $subject$ = 'a'                               | ",
        "$subject$ NOT IN ('a')                            | ",
        "$subject$ LIKE 'a%'                               | ",
        "$priority$ = 1                                    | ",
    })
    void keyLookUpsNarrowOnlyWhereEveryMatchHoldsOneOfTheValues(String filter, String values) {
        var lookUp = EqlFilter.compile(filter, CONTEXT).keyLookup();
        if (values == null) {
            assertTrue(lookUp.isEmpty(), filter);
        } else {
            assertEquals("subject", lookUp.orElseThrow().attributeCode());
            assertEquals(java.util.Set.of(values.split(",")), lookUp.orElseThrow().values());
        }
    }

    @Test
    void relativeDates() {
        assertEquals(Instant.parse("2025-06-16T00:00:00Z"), RelativeDates.parse("start_week", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), RelativeDates.parse("START_MONTH", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), RelativeDates.parse("start_year", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-06-04T12:00:00Z"), RelativeDates.parse("now - 2w", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-06-21T12:00:00Z"), RelativeDates.parse("now + 3d", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-06-18T11:30:00Z"), RelativeDates.parse("now - 30 min", NOW).orElseThrow().instant());
        assertEquals(Instant.parse("2025-05-18T00:00:00Z"), RelativeDates.parse("start_day - 1 month", NOW).orElseThrow().instant());
        assertTrue(RelativeDates.parse("now - 2 fortnights", NOW).isEmpty());
        assertTrue(RelativeDates.parse("now 2d", NOW).isEmpty());
    }
}
