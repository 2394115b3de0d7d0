package io.cardlink.esm.client.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.esm.client.EsmRetryableException;
import io.cardlink.esm.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming a broken stream without a server: parts given as JSON text, time moved by hand. */
class StreamedCardsTest {
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    private Instant now = Instant.parse("2026-03-02T10:00:00Z");
    private final List<String> opened = new ArrayList<>();
    private final Transport transport = new Transport(EsmClientConfig.builder().baseUrl("http://127.0.0.1:9")
            .login("webapi").password("webapi").retryPolicy(POLICY).build(), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            }, wait -> now = now.plus(wait), () -> 0.5);

    /** A part of the read: these cards, then the end of the document, or a cut when {@code broken}. */
    private static String part(boolean broken, int... ids) {
        String cards = Arrays.stream(ids).mapToObj(id -> "{\"dataCardId\":\"" + id + "\",\"data\":{}}")
                .collect(Collectors.joining(","));
        return "{\"meta\":{},\"data\":[" + cards + (!broken ? "]}" : ids.length > 0 ? "," : "");
    }

    private StreamedCards stream(String... parts) {
        return StreamedCards.open(transport, (belowId, attempts) -> {
            attempts.sending();
            opened.add(String.valueOf(belowId));
            String json = parts[opened.size() - 1];
            InputStream body = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
            try {
                return new StreamedCards.Part(Call.get("/dc/incident/data/stream", null).streamed(), body,
                        new CardReader(body, "incident"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> ids(StreamedCards cards) {
        List<String> ids = new ArrayList<>();
        cards.forEachRemaining(card -> ids.add(card.id()));
        return ids;
    }

    @Test
    void aLongPartThatBreaksIsResumedBelowItsLastCardWhateverTimeItTook() {
        StreamedCards cards = stream(part(true, 30, 20, 10), part(false, 5, 4));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(cards.next().id());
        }
        // streaming the first part took far longer than the time budget: the budget counts from the break
        now = now.plus(Duration.ofMinutes(10));

        ids.addAll(ids(cards));

        assertEquals(List.of("30", "20", "10", "5", "4"), ids);
        assertEquals(List.of("null", "10"), opened);
        assertEquals(5, cards.delivered());
        assertEquals(1L, transport.retries().byCause().get("stream broken"));
    }

    @Test
    void partsThatBreakWithoutDeliveringAnythingUseUpTheBudget() {
        StreamedCards cards = stream(part(true, 30), part(true), part(true), part(true));

        assertEquals("30", cards.next().id());
        EsmRetryableException e = assertThrows(EsmRetryableException.class, () -> ids(cards));

        assertTrue(e.getMessage().contains("the stream broke off after 1 cards")
                && e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
        assertEquals(List.of("null", "30", "30"), opened);
        assertFalse(cards.hasNext());
    }

    @Test
    void aStreamWhoseIdsDoNotDescendIsNotResumed() {
        StreamedCards cards = stream(part(true, 10, 30), part(false, 5));

        EsmRetryableException e = assertThrows(EsmRetryableException.class, () -> ids(cards));

        assertTrue(e.getMessage().contains("did not come by descending id"), e.getMessage());
        assertEquals(List.of("null"), opened);
        assertEquals(2, cards.delivered());
    }

    @Test
    void aStreamThatBreaksAfterItsLastCardEndsWhenNothingIsLeftBelow() {
        StreamedCards cards = stream(part(true, 9, 8), part(false));

        assertEquals(List.of("9", "8"), ids(cards));
        assertEquals(List.of("null", "8"), opened);
    }

    @Test
    void noCardIsHeldTwiceWhenTheCallerStops() {
        StreamedCards cards = stream(part(false, 3, 2, 1));
        DataCard first = cards.next();
        cards.close();

        assertEquals("3", first.id());
        assertFalse(cards.hasNext());
    }
}
