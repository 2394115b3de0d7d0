package io.cardlink.mapping.internal;

import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cardlink.api.card.AttributeType.DATE;
import static io.cardlink.api.card.AttributeType.EXTERNAL_REFERENCE;
import static io.cardlink.api.card.AttributeType.NUMBER;
import static io.cardlink.api.card.AttributeType.REFERENCE;
import static io.cardlink.api.card.AttributeType.STATIC_VALUE;
import static io.cardlink.api.card.AttributeType.STRING;
import static io.cardlink.api.card.AttributeType.WORKLOG;
import static io.cardlink.mapping.internal.Schemas.choices;
import static io.cardlink.mapping.internal.Schemas.multi;
import static io.cardlink.mapping.internal.Schemas.reference;
import static io.cardlink.mapping.internal.Schemas.single;
import static io.cardlink.mapping.internal.Schemas.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every pair of the conversion table, through the public engine: one source attribute "a" into target "b". */
class ValueConversionTest {
    private static final StaticChoice SOLVING = new StaticChoice("solving", "02 - Solving");
    private static final StaticChoice CLOSED = new StaticChoice("closed", "03 - Closed");

    private final MappingEngine engine = new DefaultMappingEngine(ZoneId.of("Europe/Helsinki"));

    private MappingResult map(AttributeSchema from, AttributeSchema to, ReferenceResolver references, Value... values) {
        TemplateSchema source = template("incident", List.of("im"), single("efecte_id", STRING), from);
        TemplateSchema target = template("local_incident", List.of("imported"), single("source_key", STRING),
                single("task_id", STRING), to);
        return mapWith(source, target, Direction.READ, references, values);
    }

    private MappingResult mapWith(TemplateSchema source, TemplateSchema target, Direction direction,
            ReferenceResolver references, Value... values) {
        Mapping mapping = new Mapping("local_incident", "imported",
                List.of(new AttributePair("efecte_id", "source_key"), new AttributePair("a", "b")), "task_id",
                "source_key");
        DataCard card = new DataCard("101", "incident", "im", "Printer", false, false,
                Map.of("efecte_id", List.of(new StringValue("INC-1")), "a", List.of(values)));
        return engine.compile(mapping, source, target, direction).apply(card, "task-7", "Task 7", references);
    }

    private MappingResult map(AttributeType from, AttributeType to, Value... values) {
        return map(single("a", from), single("b", to), ReferenceResolver.none(), values);
    }

    private static List<Value> converted(MappingResult result) {
        assertTrue(result.problems().isEmpty(), () -> "unexpected problems " + result.problems());
        return result.card().values("b");
    }

    private static Value only(MappingResult result) {
        List<Value> values = converted(result);
        assertEquals(1, values.size(), () -> "values " + values);
        return values.get(0);
    }

    /** The card still maps; "b" is left out and its one problem is returned. */
    private static String problem(MappingResult result) {
        assertTrue(result.succeeded(), "a failed non-key attribute does not fail the card");
        assertFalse(result.card().attributes().containsKey("b"), "a failed attribute is left out");
        assertEquals(1, result.problems().size(), () -> "problems " + result.problems());
        MappingProblem problem = result.problems().get(0);
        assertEquals("b", problem.attribute());
        return problem.reason();
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "'" + actual + "' should contain '" + expected + "'");
    }

    @Nested
    class SameType {
        @Test
        void stringIsCopied() {
            assertEquals(new StringValue("Printer broken"), only(map(STRING, STRING, new StringValue("Printer broken"))));
        }

        @Test
        void numberIsCopied() {
            assertEquals(new NumberValue(new BigDecimal("0.2425432341")),
                    only(map(NUMBER, NUMBER, new NumberValue(new BigDecimal("0.2425432341")))));
        }

        @Test
        void dateAndDateTimeKeepTheirKind() {
            assertEquals(new DateValue(LocalDate.of(2021, 3, 24)),
                    only(map(DATE, DATE, new DateValue(LocalDate.of(2021, 3, 24)))));
            Instant at = Instant.parse("2021-03-24T10:57:57Z");
            assertEquals(new DateTimeValue(at), only(map(DATE, DATE, new DateTimeValue(at))));
        }

        @Test
        void externalReferenceAndWorklogAreCopiedWhenReading() {
            ExternalReferenceValue link = new ExternalReferenceValue("manual.pdf", "att-17");
            assertEquals(link, only(map(EXTERNAL_REFERENCE, EXTERNAL_REFERENCE, link)));
            WorklogValue entry = new WorklogValue("Abraham", "Second comment", Instant.parse("2021-03-24T08:58:55Z"));
            assertEquals(entry, only(map(WORKLOG, WORKLOG, entry)));
        }

        @Test
        void multiValuesAreAllCopiedIntoAMultiValuedTarget() {
            List<Value> tags = List.of(new StringValue("1"), new StringValue("2"), new StringValue("3"));
            assertEquals(tags, converted(map(multi("a", STRING), multi("b", STRING), ReferenceResolver.none(),
                    tags.toArray(Value[]::new))));
        }
    }

    @Nested
    class StaticValues {
        private MappingResult rematch(StaticValue value) {
            return map(choices("a", new StaticChoice("second", "02")), choices("b", SOLVING, CLOSED),
                    ReferenceResolver.none(), value);
        }

        @Test
        void staticValueTakesTheTargetChoiceWithTheSameCode() {
            assertEquals(new StaticValue("02 - Solving", "solving"), only(rematch(new StaticValue("Solving", "solving"))));
        }

        @Test
        void staticValueTakesTheTargetChoiceWithTheSameValueWhenNoCodeMatches() {
            assertEquals(new StaticValue("03 - Closed", "closed"), only(rematch(new StaticValue("03 - Closed", "done"))));
            assertEquals(new StaticValue("03 - Closed", "closed"), only(rematch(new StaticValue("03 - Closed", null))));
        }

        @Test
        void staticValueWithoutAMatchingTargetChoiceIsAProblem() {
            String reason = problem(rematch(new StaticValue("Waiting", "waiting")));
            assertContains("no choice of 'b' matches value 'Waiting' or code 'waiting'", reason);
        }

        @Test
        void staticValueWithoutListedTargetChoicesIsCopied() {
            StaticValue value = new StaticValue("02", "second");
            assertEquals(value, only(map(STATIC_VALUE, STATIC_VALUE, value)));
        }

        @Test
        void staticValueToStringIsItsDisplayValue() {
            assertEquals(new StringValue("02 - Solving"), only(map(STATIC_VALUE, STRING,
                    new StaticValue("02 - Solving", "solving"))));
            assertEquals(new StringValue("solving"), only(map(STATIC_VALUE, STRING, new StaticValue(null, "solving"))));
        }

        @Test
        void stringToStaticValueMatchesTheChoiceByValueOrByCode() {
            AttributeSchema target = choices("b", SOLVING, CLOSED);
            assertEquals(new StaticValue("02 - Solving", "solving"), only(map(single("a", STRING), target,
                    ReferenceResolver.none(), new StringValue("02 - Solving"))));
            assertEquals(new StaticValue("03 - Closed", "closed"), only(map(single("a", STRING), target,
                    ReferenceResolver.none(), new StringValue("closed"))));
        }

        @Test
        void stringMatchingNoChoiceIsAProblem() {
            String reason = problem(map(single("a", STRING), choices("b", SOLVING, CLOSED), ReferenceResolver.none(),
                    new StringValue("Escalated")));
            assertContains("no choice of 'b' has the value or code 'Escalated'", reason);
        }
    }

    @Nested
    class Dates {
        @Test
        void dateToStringIsIso() {
            assertEquals(new StringValue("2021-03-24"), only(map(DATE, STRING, new DateValue(LocalDate.of(2021, 3, 24)))));
        }

        @Test
        void dateTimeToStringIsAnIsoInstantInUtc() {
            assertEquals(new StringValue("2021-03-24T10:57:57Z"),
                    only(map(DATE, STRING, new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z")))));
        }

        @Test
        void isoDateTextBecomesADate() {
            assertEquals(new DateValue(LocalDate.of(2021, 3, 24)), only(map(STRING, DATE, new StringValue("2021-03-24"))));
        }

        @Test
        void isoInstantTextBecomesADateTime() {
            assertEquals(new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z")),
                    only(map(STRING, DATE, new StringValue("2021-03-24T10:57:57Z"))));
            assertEquals(new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z")),
                    only(map(STRING, DATE, new StringValue(" 2021-03-24T12:57:57+02:00 "))));
        }

        @Test
        void legacyLocalFormsAreRead() {
            assertEquals(new DateValue(LocalDate.of(2019, 7, 2)), only(map(STRING, DATE, new StringValue("02.07.2019"))));
            // The engine's legacy zone is Europe/Helsinki: 19:01 there in July is 16:01 UTC.
            assertEquals(new DateTimeValue(Instant.parse("2019-07-02T16:01:00Z")),
                    only(map(STRING, DATE, new StringValue("02.07.2019 19:01"))));
        }

        @Test
        void textThatIsNoDateIsAProblem() {
            assertContains("'soon' is not a date", problem(map(STRING, DATE, new StringValue("soon"))));
            assertContains("'31.02.2021' is not a date", problem(map(STRING, DATE, new StringValue("31.02.2021"))));
            assertContains("'2021-13-01' is not a date", problem(map(STRING, DATE, new StringValue("2021-13-01"))));
        }
    }

    @Nested
    class Numbers {
        @Test
        void numberToStringIsPlainWithoutExponentOrTrailingZeros() {
            assertEquals(new StringValue("1000"), only(map(NUMBER, STRING, new NumberValue(new BigDecimal("1E+3")))));
            assertEquals(new StringValue("2.5"), only(map(NUMBER, STRING, new NumberValue(new BigDecimal("2.50")))));
            assertEquals(new StringValue("0.0000001"),
                    only(map(NUMBER, STRING, new NumberValue(new BigDecimal("1E-7")))));
            assertEquals(new StringValue("42"), only(map(NUMBER, STRING, NumberValue.of(42))));
        }

        @Test
        void stringToNumberReadsADecimal() {
            assertEquals(new NumberValue(new BigDecimal("42")), only(map(STRING, NUMBER, new StringValue("42"))));
            assertEquals(new NumberValue(new BigDecimal("-0.25")), only(map(STRING, NUMBER, new StringValue(" -0.25 "))));
        }

        @Test
        void textThatIsNoNumberIsAProblem() {
            assertContains("'12 pcs' is not a number", problem(map(STRING, NUMBER, new StringValue("12 pcs"))));
        }
    }

    @Nested
    class References {
        private final ReferenceValue person = new ReferenceValue("5001", "Abraham Administrator", "person");

        /** Knows one card: source 5001 is PER-1, which the target instance has as card 9001. */
        private final ReferenceResolver resolver = new ReferenceResolver() {
            @Override
            public Optional<String> uniqueKey(ReferenceValue reference) {
                return reference.dataCardId().equals("5001") ? Optional.of("PER-1") : Optional.empty();
            }

            @Override
            public Optional<ReferenceValue> resolve(ReferenceValue reference, List<String> targetTemplates) {
                return reference.dataCardId().equals("5001") && targetTemplates.contains("person")
                        ? Optional.of(ReferenceValue.to("9001")) : Optional.empty();
            }
        };

        @Test
        void referenceToStringIsTheReferencedCardsUniqueKey() {
            assertEquals(new StringValue("PER-1"), only(map(reference("a", false, "person"), single("b", STRING),
                    resolver, person)));
        }

        @Test
        void referenceToStringFallsBackToTheNameWhenTheKeyIsNotKnown() {
            assertEquals(new StringValue("Abraham Administrator"), only(map(reference("a", false, "person"),
                    single("b", STRING), ReferenceResolver.none(), person)));
        }

        @Test
        void referenceWithNeitherKeyNorNameIsAProblem() {
            String reason = problem(map(reference("a", false, "person"), single("b", STRING), ReferenceResolver.none(),
                    ReferenceValue.to("5002")));
            assertContains("5002 has no known unique key and no name", reason);
        }

        @Test
        void referenceToReferenceIsTheTargetInstancesCardWithTheSameKey() {
            assertEquals(ReferenceValue.to("9001"), only(map(reference("a", false, "person"),
                    reference("b", false, "person"), resolver, person)));
        }

        @Test
        void referenceNotFoundInTheTargetInstanceIsAProblem() {
            String reason = problem(map(reference("a", true, "person"), reference("b", true, "person"), resolver,
                    person, new ReferenceValue("5003", "Eve", "person")));
            assertContains("'Eve' (5003) (its unique key is not known) was not found in the target instance"
                    + " (template person)", reason);
        }

        @Test
        void referenceWhoseKeyIsNotInTheTargetInstanceNamesTheKey() {
            ReferenceResolver keyOnly = new ReferenceResolver() {
                @Override
                public Optional<String> uniqueKey(ReferenceValue reference) {
                    return Optional.of("PER-7");
                }

                @Override
                public Optional<ReferenceValue> resolve(ReferenceValue reference, List<String> targetTemplates) {
                    return Optional.empty();
                }
            };
            String reason = problem(map(reference("a", true, "person"), reference("b", true, "person"), keyOnly,
                    ReferenceValue.to("5007")));
            assertContains("referenced card 5007 with unique key 'PER-7' was not found in the target instance", reason);
        }
    }

    @Nested
    class Refused {
        @Test
        void typesOutsideTheTableAreRefusedNamingBothTypes() {
            assertContains("cannot map number to date", problem(map(NUMBER, DATE, NumberValue.of(1))));
            assertContains("cannot map date to number",
                    problem(map(DATE, NUMBER, new DateValue(LocalDate.of(2021, 1, 1)))));
            assertContains("cannot map string to reference", problem(map(STRING, REFERENCE, new StringValue("PER-1"))));
            assertContains("cannot map external-reference to string",
                    problem(map(EXTERNAL_REFERENCE, STRING, new ExternalReferenceValue("a", "b"))));
            assertContains("cannot map worklog to string", problem(map(WORKLOG, STRING, WorklogValue.of("note"))));
        }

        @Test
        void aValueThatDisagreesWithItsSchemaIsJudgedByItsOwnType() {
            // The source schema is not known, so only the value tells what it is.
            TemplateSchema target = template("local_incident", List.of("imported"), single("source_key", STRING),
                    single("task_id", STRING), single("b", STRING));
            String reason = problem(mapWith(null, target, Direction.READ, ReferenceResolver.none(),
                    new ExternalReferenceValue("manual.pdf", "att-17")));
            assertContains("external-reference value does not convert to string", reason);
            reason = problem(mapWith(null, target, Direction.READ, ReferenceResolver.none(),
                    WorklogValue.of("note")));
            assertContains("worklog value does not convert to string", reason);
        }

        @Test
        void severalValuesIntoASingleValuedTargetAreAProblemNotATruncation() {
            String reason = problem(map(multi("a", STRING), single("b", STRING), ReferenceResolver.none(),
                    new StringValue("x"), new StringValue("y")));
            assertContains("single-valued, but source attribute 'a' has 2 values", reason);
        }

        @Test
        void oneValueFromAMultiValuedSourceFitsASingleValuedTarget() {
            assertEquals(new StringValue("x"), only(map(multi("a", STRING), single("b", STRING),
                    ReferenceResolver.none(), new StringValue("x"))));
        }

        @Test
        void attachmentsAndWorklogsAreNotWrittenToTheRemoteInstanceEvenWithoutSchemas() {
            String reason = problem(mapWith(null, null, Direction.WRITE, ReferenceResolver.none(),
                    new ExternalReferenceValue("manual.pdf", "att-17")));
            assertContains("attachments and worklogs cannot be written", reason);
            reason = problem(mapWith(null, null, Direction.WRITE, ReferenceResolver.none(), WorklogValue.of("note")));
            assertContains("attachments and worklogs cannot be written", reason);
        }
    }
}
