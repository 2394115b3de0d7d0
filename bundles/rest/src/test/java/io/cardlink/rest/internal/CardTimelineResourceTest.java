package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.ValidationException;
import io.cardlink.api.timeline.CardLookup;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardTimelineResourceTest {

    @Test
    void aCardIsNamedByExactlyOneOfItsIds() {
        assertEquals(CardLookup.LOCAL_ID, CardTimelineResource.lookup("4711", null));
        assertEquals(CardLookup.REMOTE_ID, CardTimelineResource.lookup(null, "100001"));
    }

    @Test
    void neitherOrBothIdsNameTheField() {
        ValidationException neither = assertThrows(ValidationException.class,
                () -> CardTimelineResource.lookup(null, null));
        ValidationException both = assertThrows(ValidationException.class,
                () -> CardTimelineResource.lookup("4711", "100001"));

        assertEquals(List.of("localId"), neither.problems().stream().map(p -> p.field()).toList());
        assertEquals(List.of("remoteId"), both.problems().stream().map(p -> p.field()).toList());
    }
}
