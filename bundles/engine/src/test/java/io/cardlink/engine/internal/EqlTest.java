package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EqlTest {

    @Test
    void quotesValuesSoThatTheyCannotChangeTheCondition() {
        assertEquals("$source_key$ = 'a' OR $source_key$ = 'O''Brien'' OR ''1''=''1'",
                Eql.anyOf("source_key", List.of("a", "O'Brien' OR '1'='1")));
    }

    @Test
    void numericIdsStayNumbers() {
        assertEquals("entity.id = 100001 OR entity.id = 'x1'", Eql.idIn(List.of("100001", "x1")));
    }
}
