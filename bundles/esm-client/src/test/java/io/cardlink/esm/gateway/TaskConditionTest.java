package io.cardlink.esm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ReadRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskConditionTest {

    @Test
    void aFilterThatClosesTheParenthesesEarlyIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TaskCondition.parenthesised("$a$='1') OR ($b$='2'"));
        assertEquals("settings.eqlFilter", e.problems().get(0).field());
        assertEquals("')' closes a parenthesis the filter did not open (at position 8)", e.problems().get(0).problem());
        // embedded in a read, it never reaches the instance
        assertThrows(ValidationException.class, () -> ReadFilter.of(new ReadRequest("incident", "it",
                filter("$a$='1') OR ($b$='2'"), List.of())));
    }

    @Test
    void anOpenQuoteOrAttributeOrParenthesisWouldSwallowWhatFollowsAndIsRefused() {
        assertProblem("$a$ = 'x", "a text literal is not closed (at position 7)");
        assertProblem("$a = 'x'", "an attribute name is not closed by '$' (at position 1)");
        assertProblem("($a$ = 'x'", "'(' is not closed (at position 1)");
        assertProblem("$a$ = 'x' -- and the rest", "comments are not allowed (at position 11)");
        assertProblem("$a$ = 'x' /* and the rest */", "comments are not allowed (at position 11)");
        assertProblem("$a$ = 'x'; DROP", "unexpected character ';' (at position 10)");
        assertProblem("$a b$ = 'x'", "character ' ' is not allowed in an attribute name (at position 3)");
        assertProblem("()", "has no condition");
    }

    @Test
    void parenthesesAndQuotesInsideLiteralsAreText() {
        assertEquals("($subject$ = 'it''s (closed)' AND ($a$ <> 1 OR $b$ IS NULL))",
                TaskCondition.parenthesised("  $subject$ = 'it''s (closed)' AND ($a$ <> 1 OR $b$ IS NULL) "));
        assertEquals("($created$ > 'now - 2w' AND entity.id >= -3 AND $name$ LIKE 'K%')",
                TaskCondition.parenthesised("$created$ > 'now - 2w' AND entity.id >= -3 AND $name$ LIKE 'K%'"));
    }

    @Test
    void theVendorsFullQueryFormGivesItsCondition() {
        String vendor = "SELECT entity FROM entity WHERE entity.template.code = 'system' AND entity.deleted = 0"
                + " AND $access_rights_group$ is not null";
        assertEquals("(entity.template.code = 'system' AND entity.deleted = 0 AND $access_rights_group$ is not null)",
                TaskCondition.parenthesised(vendor));
        assertEquals("($a$ = 'x')", TaskCondition.parenthesised(" select  entity\nfrom entity where $a$ = 'x' "));
        assertEquals(ReadFilter.of(new ReadRequest("system", "users", filter("entity.template.code = 'system' AND"
                        + " entity.deleted = 0 AND $access_rights_group$ is not null"), List.of())),
                ReadFilter.of(new ReadRequest("system", "users", filter(vendor), List.of())));
        // positions are those of the filter as given
        assertProblem("SELECT entity FROM entity WHERE $a$ = 'x", "a text literal is not closed (at position 39)");
        assertProblem("SELECT entity FROM entity", "a query must have the form 'SELECT entity FROM entity WHERE"
                + " condition'; or give the condition alone");
        assertProblem("select $a$ from entity where $a$ = 'x'", "a query must have the form 'SELECT entity FROM"
                + " entity WHERE condition'; or give the condition alone");
    }

    @Test
    void aFilterThatNamesAnotherTemplateOrFolderIsRefused() {
        assertScopeProblem("SELECT entity FROM entity WHERE entity.template.code = 'system' AND $a$ = 'x'",
                "'entity.template.code = 'system'' contradicts the task's template 'person' (remoteTemplate):"
                        + " the task would read no card");
        assertScopeProblem("$a$ = 'x' and FOLDER.CODE='archive'",
                "'FOLDER.CODE='archive'' contradicts the task's folder 'persons' (remoteFolder): the task would read"
                        + " no card");
        assertScopeProblem("entity.folder.code = 'it''s' AND entity.deleted = 0",
                "'entity.folder.code = 'it''s'' contradicts the task's folder 'persons' (remoteFolder): the task"
                        + " would read no card");
        // the task's own template and folder, terms under OR or NOT, and text inside literals are no contradiction
        for (String filter : List.of(
                "SELECT entity FROM entity WHERE template.code = 'person' AND entity.folder.code = 'persons'",
                "template.code = 'system' OR $a$ = 'x'",
                "NOT template.code = 'system' AND $a$ = 'x'",
                "$a$ = 'x AND template.code = ''system''' AND ($b$ = 1 OR folder.code = 'y')",
                "$oranges$ = 'x' AND template.code = 'person'")) {
            TaskCondition.checkScope(filter, "person", "persons");
            ReadFilter.of(new ReadRequest("person", "persons", filter(filter), List.of()));
        }
    }

    private static void assertScopeProblem(String filter, String problem) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> ReadFilter.of(new ReadRequest("person", "persons", filter(filter), List.of())), filter);
        assertEquals("settings.eqlFilter", e.problems().get(0).field());
        assertEquals(problem, e.problems().get(0).problem(), filter);
    }

    private static void assertProblem(String filter, String problem) {
        ValidationException e = assertThrows(ValidationException.class, () -> TaskCondition.parenthesised(filter),
                filter);
        assertEquals(problem, e.problems().get(0).problem(), filter);
    }

    private static Map<String, String> filter(String eql) {
        return Map.of(EsmInstanceGateway.EQL_FILTER, eql);
    }
}
