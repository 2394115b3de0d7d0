package io.cardlink.esm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeMarkOrderTest {
    private final ChangeMarkOrder order = ChangeMarkOrder.INSTANCE;

    @Test
    void ordersMarksAsTheTimesTheySay() {
        Random random = new Random(20261205);
        List<String> marks = new ArrayList<>();
        Instant base = Instant.parse("2026-12-05T13:22:37Z");
        for (int i = 0; i < 400; i++) {
            // whole seconds, milliseconds, microseconds and nanoseconds, close to each other and far apart
            long nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            marks.add(DateTimeFormatter.ISO_INSTANT.format(base.plusSeconds(random.nextInt(3) - 1 + (i % 7 == 0
                    ? random.nextInt(1_000_000_000) : 0)).plusNanos(nanos)));
        }
        for (String a : marks) {
            for (String b : marks) {
                assertEquals(Integer.signum(Instant.parse(a).compareTo(Instant.parse(b))),
                        Integer.signum(order.compare(a, b)), a + " against " + b);
            }
        }
    }

    @Test
    void aMarkWithoutAFractionIsTheWholeSecond() {
        assertTrue(order.compare("2026-12-05T13:22:37Z", "2026-12-05T13:22:37.1Z") < 0);
        assertTrue(order.compare("2026-12-05T13:22:37.9Z", "2026-12-05T13:22:38Z") < 0);
        assertEquals(0, order.compare("2026-12-05T13:22:37.100Z", "2026-12-05T13:22:37.1Z"));
        assertEquals(0, order.compare("2026-12-05T13:22:37.000Z", "2026-12-05T13:22:37Z"));
    }

    @Test
    void marksOfAnotherShapeAreComparedByTheirTimes() {
        assertFalse(ChangeMarkOrder.plain("+10000-01-01T00:00:00Z"));
        assertFalse(ChangeMarkOrder.plain("2026-12-05T13:22:37.Z"));
        assertFalse(ChangeMarkOrder.plain("2026-12-05 13:22:37Z"));
        assertTrue(order.compare("+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z") > 0);
        assertTrue(order.compare("2026-12-05T13:22:37+01:00", "2026-12-05T13:00:00Z") < 0);
    }

    @Test
    void aMarkThatIsNoTimeIsRefusedNamingTheWatermark() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> order.compare("42", "2026-12-05T13:22:37Z"));
        assertEquals("watermark", refused.problems().get(0).field());
    }
}
