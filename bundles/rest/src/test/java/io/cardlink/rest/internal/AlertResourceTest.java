package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.ValidationException;
import io.cardlink.api.alert.AlertState;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertResourceTest {

    @Test
    void theStateIsOpenByDefaultAndAllMeansAny() {
        assertEquals(AlertState.OPEN, AlertResource.parse(null));
        assertEquals(AlertState.OPEN, AlertResource.parse("Open"));
        assertEquals(AlertState.RESOLVED, AlertResource.parse("resolved"));
        assertNull(AlertResource.parse("all"));
    }

    @Test
    void anUnknownStateNamesTheField() {
        ValidationException refused = assertThrows(ValidationException.class, () -> AlertResource.parse("closed"));

        assertEquals(List.of("state"), refused.problems().stream().map(p -> p.field()).toList());
    }
}
