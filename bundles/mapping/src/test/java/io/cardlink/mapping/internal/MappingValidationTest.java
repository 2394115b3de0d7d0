package io.cardlink.mapping.internal;

import io.cardlink.api.FieldProblem;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.mapping.Direction;
import io.cardlink.api.mapping.MappingEngine;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.cardlink.api.card.AttributeType.DATE;
import static io.cardlink.api.card.AttributeType.NUMBER;
import static io.cardlink.api.card.AttributeType.STRING;
import static io.cardlink.mapping.internal.Schemas.choices;
import static io.cardlink.mapping.internal.Schemas.file;
import static io.cardlink.mapping.internal.Schemas.multi;
import static io.cardlink.mapping.internal.Schemas.reference;
import static io.cardlink.mapping.internal.Schemas.single;
import static io.cardlink.mapping.internal.Schemas.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingValidationTest {
    private static final TemplateSchema REMOTE = template("incident", List.of("im"),
            single("efecte_id", STRING), single("subject", STRING), single("priority", NUMBER), single("due", DATE),
            choices("status", new StaticChoice("solving", "02 - Solving")), reference("customer", false, "person"),
            file("attachments"), single("worklog", AttributeType.WORKLOG), single("created", DATE));
    private static final TemplateSchema LOCAL = template("local_incident", List.of("imported", "archive"),
            single("efecte_id", STRING), single("source_key", STRING), single("task_id", STRING),
            single("title", STRING), single("prio", NUMBER), single("due", DATE), single("due_text", STRING),
            choices("state", new StaticChoice("solving", "Solving")), reference("customer", false, "person"),
            file("attachments"), single("worklog", AttributeType.WORKLOG), single("created", DATE),
            single("updated", DATE), multi("keys", STRING), single("task_no", NUMBER));

    private final MappingEngine engine = new DefaultMappingEngine(ZoneOffset.UTC);

    private static Mapping mapping(AttributePair... extraPairs) {
        List<AttributePair> pairs = new ArrayList<>();
        pairs.add(new AttributePair("efecte_id", "source_key"));
        pairs.addAll(List.of(extraPairs));
        return new Mapping("local_incident", "imported", pairs, "task_id", "source_key");
    }

    private static AttributePair pair(String source, String target) {
        return new AttributePair(source, target);
    }

    private List<FieldProblem> validate(Mapping mapping) {
        return engine.validate(mapping, REMOTE, LOCAL, Direction.READ);
    }

    /** Asserts exactly one problem, at the field, whose text contains the expected part. */
    private static void assertOneProblem(List<FieldProblem> problems, String field, String expected) {
        assertEquals(1, problems.size(), () -> "problems " + problems);
        assertEquals(field, problems.get(0).field());
        assertTrue(problems.get(0).problem().contains(expected),
                () -> "'" + problems.get(0).problem() + "' should contain '" + expected + "'");
    }

    @Test
    void aSoundMappingHasNoProblems() {
        assertEquals(List.of(), validate(mapping(pair("subject", "title"), pair("priority", "prio"),
                pair("due", "due"), pair("status", "state"), pair("customer", "customer"),
                pair("attachments", "attachments"), pair("worklog", "worklog"))));
    }

    @Test
    void aMissingMappingIsRequired() {
        assertEquals(List.of(FieldProblem.required("mapping")), engine.validate(null, REMOTE, LOCAL, Direction.READ));
    }

    @Test
    void targetTemplateIsRequiredAndMustExist() {
        Mapping noTemplate = new Mapping(" ", "imported", List.of(pair("efecte_id", "source_key")), "task_id",
                "source_key");
        assertEquals(FieldProblem.required("mapping.targetTemplate"), validate(noTemplate).get(0));

        assertOneProblem(engine.validate(mapping(), REMOTE, null, Direction.READ), "mapping.targetTemplate",
                "template 'local_incident' not found in the target instance");
    }

    @Test
    void targetFolderIsRequiredAndMustBeAllowedForTheTemplate() {
        Mapping noFolder = new Mapping("local_incident", null, List.of(pair("efecte_id", "source_key")), "task_id",
                "source_key");
        assertEquals(List.of(FieldProblem.required("mapping.targetFolder")), validate(noFolder));

        Mapping wrongFolder = new Mapping("local_incident", "im", List.of(pair("efecte_id", "source_key")), "task_id",
                "source_key");
        assertOneProblem(validate(wrongFolder), "mapping.targetFolder",
                "folder 'im' is not allowed for template 'local_incident'; allowed: imported, archive");
    }

    @Test
    void pairAttributesMustExistInTheirTemplates() {
        assertOneProblem(validate(mapping(pair("summary", "title"))), "mapping.pairs[1].source",
                "attribute 'summary' not found in source template 'incident'");
        assertOneProblem(validate(mapping(pair("subject", "headline"))), "mapping.pairs[1].target",
                "attribute 'headline' not found in target template 'local_incident'");
    }

    @Test
    void pairCodesAreRequired() {
        assertEquals(List.of(FieldProblem.required("mapping.pairs[1].source"),
                FieldProblem.required("mapping.pairs[1].target")), validate(mapping(pair("", null))));
    }

    @Test
    void withoutTheSourceSchemaSourceChecksAreSkipped() {
        assertEquals(List.of(), engine.validate(mapping(pair("summary", "title")), null, LOCAL, Direction.READ));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"subject, title", "subject, prio", "subject, due", "subject, state", "priority, prio",
            "priority, title", "due, due", "due, due_text", "status, state", "status, title", "customer, customer",
            "customer, title"})
    void typePairsOfTheConversionTableAreAccepted(String source, String target) {
        assertEquals(List.of(), validate(mapping(pair(source, target))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "priority, due, cannot map number to date; number maps to number or string",
            "due, prio, cannot map date to number; date maps to date or string",
            "due, state, cannot map date to static-value",
            "status, prio, cannot map static-value to number",
            "subject, customer, cannot map string to reference",
            "customer, state, cannot map reference to static-value",
            "attachments, title, cannot map external-reference to string; external-reference maps to"
                    + " external-reference",
            "worklog, title, cannot map worklog to string; worklog maps to worklog"})
    void incompatibleTypesAreRefusedNamingBothTypes(String source, String target, String message) {
        assertOneProblem(validate(mapping(pair(source, target))), "mapping.pairs[1].target", message);
    }

    @Test
    void attachmentsAndWorklogsAreRefusedForWriting() {
        String refused = "attachments and worklogs cannot be written to the remote instance by an event task";
        List<FieldProblem> attachments = engine.validate(mapping(pair("attachments", "attachments")), REMOTE, LOCAL,
                Direction.WRITE);
        assertEquals(List.of("mapping.pairs[1].source", "mapping.pairs[1].target"),
                attachments.stream().map(FieldProblem::field).toList());
        assertTrue(attachments.get(0).problem().startsWith(refused));
        assertTrue(attachments.get(0).problem().contains("'attachments' is a file attribute"));

        List<FieldProblem> worklogs = engine.validate(mapping(pair("worklog", "worklog")), REMOTE, LOCAL,
                Direction.WRITE);
        assertEquals(2, worklogs.size());
        assertTrue(worklogs.get(1).problem().contains(refused + " ('worklog' is a worklog)"));

        assertOneProblem(engine.validate(mapping(pair("subject", "attachments")), REMOTE, LOCAL, Direction.WRITE),
                "mapping.pairs[1].target", refused);
    }

    @Test
    void anAttributeWrittenTwiceIsRefused() {
        assertOneProblem(validate(mapping(pair("subject", "title"), pair("status", "title"))),
                "mapping.pairs[2].target", "attribute 'title' would be written twice: it is also the target of"
                        + " mapping.pairs[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "updated", "efecte_id"})
    void attributesTheTargetInstanceGeneratesAreNotWritten(String generated) {
        assertOneProblem(validate(mapping(pair("due", generated))), "mapping.pairs[1].target",
                "'" + generated + "' is set by the target instance and cannot be written");
    }

    @Test
    void theUniqueKeyIsRequired() {
        Mapping noKey = new Mapping("local_incident", "imported", List.of(pair("subject", "title")), "task_id", null);
        assertEquals(List.of(FieldProblem.required("mapping.uniqueKeyAttribute")), validate(noKey));
    }

    @Test
    void efecteIdCannotBeTheUniqueKeyBecauseTheTargetGeneratesIt() {
        Mapping mapping = new Mapping("local_incident", "imported", List.of(pair("subject", "title")), "task_id",
                "efecte_id");
        assertOneProblem(validate(mapping), "mapping.uniqueKeyAttribute",
                "map the source's efecte_id to a custom attribute such as source_key");
    }

    @Test
    void theUniqueKeyMustBeMappedByAPairOrBySameCodeInTheSource() {
        Mapping unmapped = new Mapping("local_incident", "imported", List.of(pair("subject", "title")), "task_id",
                "source_key");
        assertOneProblem(validate(unmapped), "mapping.uniqueKeyAttribute",
                "'source_key' is not mapped: no pair targets it and the source template 'incident' has no attribute"
                        + " 'source_key'");

        TemplateSchema remoteWithKey = template("incident", List.of("im"), single("source_key", STRING),
                single("subject", STRING));
        assertEquals(List.of(), engine.validate(unmapped, remoteWithKey, LOCAL, Direction.READ));
    }

    @Test
    void theUniqueKeyMustExistInTheTargetAndHoldOneValue() {
        Mapping missing = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "origin")), "task_id",
                "origin");
        List<FieldProblem> problems = validate(missing);
        assertEquals(List.of("mapping.pairs[0].target", "mapping.uniqueKeyAttribute"),
                problems.stream().map(FieldProblem::field).toList());

        Mapping multiValued = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "keys")), "task_id",
                "keys");
        assertOneProblem(validate(multiValued), "mapping.uniqueKeyAttribute", "must be single-valued");
    }

    @Test
    void theTaskIdAttributeIsRequiredForReadingOnly() {
        Mapping noTaskId = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key")), null,
                "source_key");
        assertEquals(List.of(FieldProblem.required("mapping.taskIdAttribute")), validate(noTaskId));
        assertEquals(List.of(), engine.validate(noTaskId, REMOTE, LOCAL, Direction.WRITE));
    }

    @Test
    void theTaskIdAttributeMustBeAStringAttributeOfTheTarget() {
        Mapping missing = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key")),
                "cardlink_task", "source_key");
        assertOneProblem(validate(missing), "mapping.taskIdAttribute",
                "attribute 'cardlink_task' not found in target template 'local_incident'");

        Mapping numeric = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key")),
                "task_no", "source_key");
        assertOneProblem(validate(numeric), "mapping.taskIdAttribute",
                "the task-id attribute must be a string attribute; 'task_no' is number");
    }

    @Test
    void theTaskIdAttributeIsNotAlsoAPairTargetOrTheKey() {
        assertOneProblem(validate(mapping(pair("subject", "task_id"))), "mapping.taskIdAttribute",
                "'task_id' receives the task id and cannot also be the target of mapping.pairs[1]");

        Mapping keyIsTaskId = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key")),
                "source_key", "source_key");
        assertEquals("mapping.uniqueKeyAttribute", validate(keyIsTaskId).get(0).field());
    }

    @Test
    void theTaskNameAttributeIsOptionalAndMustBeAStringAttributeOfItsOwn() {
        assertEquals(List.of(), validate(named("title")));
        assertEquals(List.of(), validate(named(" ")));
        assertOneProblem(validate(named("datasourceid")), "mapping.taskNameAttribute",
                "attribute 'datasourceid' not found in target template 'local_incident'");
        assertOneProblem(validate(named("task_no")), "mapping.taskNameAttribute",
                "the task-name attribute must be a string attribute; 'task_no' is number");
        assertOneProblem(validate(named("task_id")), "mapping.taskNameAttribute",
                "'task_id' receives the task id (mapping.taskIdAttribute); the task name needs an attribute of its own");
        assertOneProblem(validate(named("source_key")), "mapping.taskNameAttribute",
                "the task-name attribute cannot also be the unique key attribute");
        assertOneProblem(validate(named("created")), "mapping.taskNameAttribute", "is set by the target instance");
        Mapping alsoPaired = new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key"),
                pair("subject", "title")), "task_id", "source_key", "title");
        assertOneProblem(validate(alsoPaired), "mapping.taskNameAttribute",
                "'title' receives the task name and cannot also be the target of mapping.pairs[1]");
    }

    private static Mapping named(String taskNameAttribute) {
        return new Mapping("local_incident", "imported", List.of(pair("efecte_id", "source_key")), "task_id",
                "source_key", taskNameAttribute);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Mapping bad = new Mapping("local_incident", "im", List.of(pair("efecte_id", "source_key"),
                pair("summary", "title"), pair("priority", "due"), pair("subject", "title"), pair("due", "created")),
                null, "source_key");

        assertEquals(List.of("mapping.targetFolder", "mapping.pairs[1].source", "mapping.pairs[2].target",
                "mapping.pairs[3].target", "mapping.pairs[4].target", "mapping.taskIdAttribute"),
                validate(bad).stream().map(FieldProblem::field).toList());
    }

    @Test
    void aSchemaAttributeWithFileFlagCountsAsAnAttachment() {
        AttributeSchema fileString = new AttributeSchema("scan", "Scan", STRING, false, true, List.of(), List.of());
        TemplateSchema remote = template("incident", List.of("im"), single("efecte_id", STRING), fileString);
        assertOneProblem(engine.validate(mapping(pair("scan", "title")), remote, LOCAL, Direction.WRITE),
                "mapping.pairs[1].source", "'scan' is a file attribute");
    }
}
