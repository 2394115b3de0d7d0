package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ReadRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskConditionTest {

    @Test
    void aFilterThatClosesTheParenthesesEarlyIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TaskCondition.parenthesised("$a$='1') OR ($b$='2'"));
        assertEquals("eqlFilter", e.problems().get(0).field());
        assertEquals("')' closes a parenthesis the filter did not open (at position 8)", e.problems().get(0).problem());
        // embedded in a read, it never reaches the instance
        assertThrows(ValidationException.class, () -> ReadFilter.of(new ReadRequest("incident", "it",
                "$a$='1') OR ($b$='2'", null, List.of())));
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

    private static void assertProblem(String filter, String problem) {
        ValidationException e = assertThrows(ValidationException.class, () -> TaskCondition.parenthesised(filter),
                filter);
        assertEquals(problem, e.problems().get(0).problem(), filter);
    }
}
