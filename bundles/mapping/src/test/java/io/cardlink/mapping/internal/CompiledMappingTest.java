package io.cardlink.mapping.internal;

import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.api.mapping.CompiledMapping;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.mapping.MappingProblem;
import io.cardlink.api.mapping.MappingResult;
import io.cardlink.api.mapping.ReferenceResolver;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.cardlink.api.card.AttributeType.NUMBER;
import static io.cardlink.api.card.AttributeType.STRING;
import static io.cardlink.mapping.internal.Schemas.choices;
import static io.cardlink.mapping.internal.Schemas.reference;
import static io.cardlink.mapping.internal.Schemas.single;
import static io.cardlink.mapping.internal.Schemas.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mapping whole cards: unique key, task id, what is left out and why. */
class CompiledMappingTest {
    private static final TemplateSchema REMOTE = template("incident", List.of("im"),
            single("efecte_id", STRING), single("subject", STRING), single("priority", STRING),
            choices("status", new StaticChoice("solving", "02 - Solving")), reference("customer", false, "person"));
    private static final TemplateSchema LOCAL = template("local_incident", List.of("imported"),
            single("source_key", STRING), single("task_id", STRING), single("title", STRING), single("prio", NUMBER),
            choices("state", new StaticChoice("solving", "Solving")), reference("customer", false, "person"));
    private static final Mapping MAPPING = new Mapping("local_incident", "imported", List.of(
            new AttributePair("efecte_id", "source_key"), new AttributePair("subject", "title"),
            new AttributePair("priority", "prio"), new AttributePair("status", "state"),
            new AttributePair("customer", "customer")), "task_id", "source_key");

    private final MappingEngine engine = new DefaultMappingEngine(ZoneOffset.UTC);

    private static DataCard card(Map<String, List<Value>> attributes) {
        return new DataCard("378180", "incident", "im", "Printer broken", false, false, attributes);
    }

    private static Map<String, List<Value>> incident() {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("efecte_id", List.of(new StringValue("INC-000123")));
        attributes.put("subject", List.of(new StringValue("Printer broken")));
        attributes.put("priority", List.of(new StringValue("2")));
        attributes.put("status", List.of(new StaticValue("02 - Solving", "solving")));
        attributes.put("customer", List.of());
        return attributes;
    }

    private MappingResult apply(Map<String, List<Value>> attributes) {
        return engine.compile(MAPPING, REMOTE, LOCAL, Direction.READ).apply(card(attributes), "task-7", "Task 7",
                ReferenceResolver.none());
    }

    @Test
    void mapsACardIntoTheTargetTemplateAndFolderWithKeyAndTaskId() {
        MappingResult result = apply(incident());

        assertTrue(result.problems().isEmpty(), () -> result.problems().toString());
        DataCard mapped = result.mapped().orElseThrow();
        assertNull(mapped.id());
        assertEquals("local_incident", mapped.templateCode());
        assertEquals("imported", mapped.folderCode());
        assertEquals("INC-000123", mapped.text("source_key"));
        assertEquals("task-7", mapped.text("task_id"));
        assertEquals("Printer broken", mapped.text("title"));
        assertEquals(List.of(NumberValue.of(2)), mapped.values("prio"));
        assertEquals(List.of(new StaticValue("Solving", "solving")), mapped.values("state"));
    }

    @Test
    void aSourceAttributeWithNoValuesClearsTheTargetOneAndAnAbsentOneLeavesItOut() {
        Map<String, List<Value>> attributes = incident();
        attributes.remove("subject");

        DataCard mapped = apply(attributes).mapped().orElseThrow();

        assertEquals(List.of(), mapped.attributes().get("customer"));
        assertFalse(mapped.attributes().containsKey("title"));
    }

    @Test
    void aFailedAttributeIsLeftOutAndReportedWhileTheCardStillMaps() {
        Map<String, List<Value>> attributes = incident();
        attributes.put("priority", List.of(new StringValue("high")));
        attributes.put("status", List.of(new StaticValue("Waiting", "waiting")));

        MappingResult result = apply(attributes);

        assertTrue(result.succeeded());
        assertFalse(result.card().attributes().containsKey("prio"));
        assertFalse(result.card().attributes().containsKey("state"));
        assertEquals("Printer broken", result.card().text("title"));
        assertEquals(List.of("prio", "state"), result.problems().stream().map(MappingProblem::attribute).toList());
        assertTrue(result.problems().get(0).reason().contains("from 'priority': 'high' is not a number"),
                result.problems().get(0).reason());
    }

    @Test
    void aCardWithoutAUniqueKeyValueFailsAndSaysSo() {
        Map<String, List<Value>> attributes = incident();
        attributes.put("efecte_id", List.of());

        MappingResult result = apply(attributes);

        assertFalse(result.succeeded());
        assertTrue(result.mapped().isEmpty());
        assertEquals(List.of(new MappingProblem("source_key",
                "the card has no value for the unique key (source attribute 'efecte_id')")), result.problems());
    }

    @Test
    void aCardWithSeveralKeyValuesFails() {
        Map<String, List<Value>> attributes = incident();
        attributes.put("efecte_id", List.of(new StringValue("INC-1"), new StringValue("INC-2")));

        MappingResult result = apply(attributes);

        assertFalse(result.succeeded());
        assertEquals("source_key", result.problems().get(0).attribute());
        assertTrue(result.problems().get(0).reason().contains("has 2"));
    }

    @Test
    void aKeyThatDoesNotConvertFailsTheCardAndOtherProblemsAreStillListed() {
        TemplateSchema local = template("local_incident", List.of("imported"), single("source_key", NUMBER),
                single("task_id", STRING), single("title", STRING), single("prio", NUMBER),
                choices("state", new StaticChoice("solving", "Solving")), reference("customer", false, "person"));
        Map<String, List<Value>> attributes = incident();
        attributes.put("priority", List.of(new StringValue("high")));

        MappingResult result = engine.compile(MAPPING, REMOTE, local, Direction.READ).apply(card(attributes), "t",
                "Task 7", ReferenceResolver.none());

        assertFalse(result.succeeded());
        assertEquals(List.of("source_key", "prio"), result.problems().stream().map(MappingProblem::attribute).toList());
        assertTrue(result.problems().get(0).reason().contains("'INC-000123' is not a number"));
    }

    @Test
    void withoutAPairTheKeyComesFromTheSourceAttributeOfTheSameCode() {
        Mapping mapping = new Mapping("local_incident", "imported", List.of(new AttributePair("subject", "title")),
                "task_id", "source_key");
        Map<String, List<Value>> attributes = incident();
        attributes.put("source_key", List.of(new StringValue("ORIG-5")));

        DataCard mapped = engine.compile(mapping, null, null, Direction.READ)
                .apply(card(attributes), "t", "Task 7", ReferenceResolver.none()).mapped().orElseThrow();

        assertEquals("ORIG-5", mapped.text("source_key"));
    }

    @Test
    void aMissingTargetAttributeIsReportedForEachCardThatHasTheSourceAttribute() {
        Mapping mapping = new Mapping("local_incident", "imported", List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "headline")), "task_id", "source_key");

        MappingResult result = engine.compile(mapping, REMOTE, LOCAL, Direction.READ).apply(card(incident()), "t",
                "Task 7", ReferenceResolver.none());

        assertEquals(List.of(new MappingProblem("headline",
                "attribute 'headline' not found in target template 'local_incident'")), result.problems());
    }

    @Test
    void withoutSchemasValuesAreCopiedAsTheyAreButReferencesAreStillResolved() {
        Mapping mapping = new Mapping("local_incident", "imported", List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("priority", "prio"), new AttributePair("customer", "customer")), "task_id",
                "source_key");
        Map<String, List<Value>> attributes = incident();
        attributes.put("priority", List.of(NumberValue.of(3)));
        attributes.put("customer", List.of(new ReferenceValue("5001", "Abraham", "person")));
        ReferenceResolver resolver = new ReferenceResolver() {
            @Override
            public Optional<String> uniqueKey(ReferenceValue reference) {
                return Optional.empty();
            }

            @Override
            public Optional<ReferenceValue> resolve(ReferenceValue reference, List<String> targetTemplates) {
                return Optional.of(ReferenceValue.to("9" + reference.dataCardId()));
            }
        };

        DataCard mapped = engine.compile(mapping, null, null, Direction.READ)
                .apply(card(attributes), "t", "Task 7", resolver)
                .mapped().orElseThrow();

        assertEquals(List.of(NumberValue.of(3)), mapped.values("prio"));
        assertEquals(List.of(ReferenceValue.to("95001")), mapped.values("customer"));
    }

    @Test
    void referencesListsWhatTheResolverWillBeAskedForSoThatItCanBatch() {
        Map<String, List<Value>> attributes = incident();
        ReferenceValue customer = new ReferenceValue("5001", "Abraham", "person");
        attributes.put("customer", List.of(customer));
        attributes.put("unmapped_ref", List.of(ReferenceValue.to("7")));

        CompiledMapping compiled = engine.compile(MAPPING, REMOTE, LOCAL, Direction.READ);

        assertEquals(Set.of(customer), compiled.references(card(attributes)));
    }

    @Test
    void aResolverThatCannotReachItsInstanceFailsTheCallNotTheCard() {
        Map<String, List<Value>> attributes = incident();
        attributes.put("customer", List.of(ReferenceValue.to("5001")));
        ReferenceResolver down = new ReferenceResolver() {
            @Override
            public Optional<String> uniqueKey(ReferenceValue reference) {
                throw new UnavailableException("local instance unreachable");
            }

            @Override
            public Optional<ReferenceValue> resolve(ReferenceValue reference, List<String> targetTemplates) {
                throw new UnavailableException("local instance unreachable");
            }
        };
        CompiledMapping compiled = engine.compile(MAPPING, REMOTE, LOCAL, Direction.READ);

        assertThrows(UnavailableException.class, () -> compiled.apply(card(attributes), "t", "Task 7", down));
    }

    @Test
    void theTaskIdIsRequiredWhenTheMappingWritesIt() {
        CompiledMapping compiled = engine.compile(MAPPING, REMOTE, LOCAL, Direction.READ);

        assertThrows(NullPointerException.class,
                () -> compiled.apply(card(incident()), null, "Task 7", ReferenceResolver.none()));
    }

    @Test
    void anEventTaskMappingWithoutTaskIdAttributeWritesNone() {
        Mapping mapping = new Mapping("incident", "im", List.of(new AttributePair("efecte_id", "source_key")), null,
                "source_key");

        DataCard mapped = engine.compile(mapping, null, null, Direction.WRITE)
                .apply(card(incident()), null, "Task 7", ReferenceResolver.none()).mapped().orElseThrow();

        assertEquals(Set.of("source_key"), mapped.attributes().keySet());
    }

    @Test
    void compileRefusesAMappingThatCanMapNoCard() {
        Mapping broken = new Mapping("", "imported", List.of(new AttributePair("a", "title"),
                new AttributePair("b", "title"), new AttributePair("c", "created")), null, "efecte_id");

        ValidationException e = assertThrows(ValidationException.class,
                () -> engine.compile(broken, REMOTE, LOCAL, Direction.READ));

        assertEquals(List.of("mapping.targetTemplate", "mapping.pairs[1].target", "mapping.pairs[2].target",
                "mapping.uniqueKeyAttribute", "mapping.taskIdAttribute"),
                e.problems().stream().map(p -> p.field()).toList());
    }

    @Test
    void theTaskNameGoesIntoItsOwnAttributeWhenTheMappingNamesOne() {
        TemplateSchema local = template("local_incident", List.of("imported"), single("source_key", STRING),
                single("task_id", STRING), single("datasourceid", STRING), single("title", STRING));
        Mapping mapping = new Mapping("local_incident", "imported", List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("subject", "title")), "task_id", "source_key", "datasourceid");
        CompiledMapping compiled = engine.compile(mapping, REMOTE, local, Direction.READ);

        DataCard mapped = compiled.apply(card(incident()), "task-7", "Persons from HR", ReferenceResolver.none())
                .mapped().orElseThrow();

        assertEquals("task-7", mapped.text("task_id"));
        assertEquals("Persons from HR", mapped.text("datasourceid"));
        assertThrows(NullPointerException.class,
                () -> compiled.apply(card(incident()), "task-7", null, ReferenceResolver.none()));
        // without a task-name attribute, the name is written nowhere
        assertFalse(apply(incident()).mapped().orElseThrow().attributes().values().stream()
                .anyMatch(values -> values.contains(new StringValue("Task 7"))));
    }

    @Test
    void compileLeavesSchemaProblemsToTheCardsThatMeetThem() {
        Mapping mapping = new Mapping("local_incident", "imported", List.of(new AttributePair("efecte_id", "source_key"),
                new AttributePair("nowhere", "title")), "task_id", "source_key");

        MappingResult result = engine.compile(mapping, REMOTE, LOCAL, Direction.READ).apply(card(incident()), "t",
                "Task 7", ReferenceResolver.none());

        assertTrue(result.succeeded());
        assertTrue(result.problems().isEmpty());
    }
}
