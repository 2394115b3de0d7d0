package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParseException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StringValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardReaderTest {
    private static final String CARD = "{\"dataCardId\":\"%s\",\"templateCode\":\"incident\",\"folderCode\":\"f\","
            + "\"name\":\"n%s\",\"data\":{\"subject\":{\"name\":\"Subject\",\"type\":\"string\","
            + "\"values\":[{\"value\":\"s%s\"}]},\"empty\":{\"type\":\"string\",\"values\":[]}}}";

    private static String card(int id) {
        return String.format(CARD, id, id, id);
    }

    private static List<DataCard> readAll(String json) throws IOException {
        List<DataCard> out = new ArrayList<>();
        try (CardReader reader = new CardReader(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "incident")) {
            for (DataCard c = reader.next(); c != null; c = reader.next()) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void readsCardsWhereverMetaIs() throws IOException {
        List<DataCard> before = readAll("{\"meta\":{\"count\":2,\"links\":{}},\"data\":[" + card(9) + "," + card(7)
                + "]}");
        List<DataCard> after = readAll("{\"data\":[" + card(9) + "," + card(7) + "],\"meta\":{\"count\":2}}");
        assertEquals(before, after);
        assertEquals(2, before.size());
        DataCard first = before.get(0);
        assertEquals("9", first.id());
        assertEquals("incident", first.templateCode());
        assertEquals(List.of(new StringValue("s9")), first.values("subject"));
        assertTrue(first.attributes().containsKey("empty"));
        assertTrue(first.values("empty").isEmpty());
    }

    @Test
    void readsEachCardFieldByFieldWhateverTheOrderAndSkipsWhatItDoesNotKnow() throws IOException {
        List<DataCard> cards = readAll("{\"data\":[{\"extra\":{\"deep\":[1,{\"x\":2}]},\"deleted\":true,"
                + "\"data\":{\"priority\":{\"values\":[{\"value\":3.50},{\"value\":\" 7 \"},{\"value\":null}],"
                + "\"type\":\"number\",\"name\":\"Priority\"},"
                + "\"customer\":{\"type\":\"reference\",\"values\":[{\"dataCardId\":\"77\",\"name\":\"Ann\","
                + "\"templateCode\":\"person\",\"meta\":{\"a\":1}}]}},"
                + "\"dataCardId\":12,\"hidden\":\"true\",\"templateCode\":null,\"name\":[\"not\",\"text\"]}]}");

        assertEquals(1, cards.size());
        DataCard card = cards.get(0);
        assertEquals("12", card.id());
        assertEquals("incident", card.templateCode());
        assertEquals(null, card.name());
        assertTrue(card.deleted());
        assertTrue(card.hidden());
        assertEquals(List.of(new NumberValue(new BigDecimal("3.50")), new NumberValue(new BigDecimal("7"))),
                card.values("priority"));
        assertEquals(List.of(new ReferenceValue("77", "Ann", "person")), card.values("customer"));
    }

    @Test
    void malformedJsonIsNotMistakenForACut() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> readAll("{\"data\":[" + card(3) + ", nonsense ]}"));
        assertFalse(CardReader.endedEarly(e));
    }

    @Test
    void anEmptyListOrMissingDataHasNoCards() throws IOException {
        assertTrue(readAll("{\"meta\":{\"count\":0},\"data\":[]}").isEmpty());
        assertTrue(readAll("{\"meta\":{\"count\":0}}").isEmpty());
    }

    @Test
    void aDocumentCutAnywhereFailsInsteadOfEndingShort() {
        String full = "{\"meta\":{\"count\":3},\"data\":[" + card(3) + "," + card(2) + "," + card(1) + "]}";
        for (int cut : new int[] {0, 10, full.indexOf(card(2)), full.indexOf(card(2)) + 30, full.length() - 2,
                full.length() - 1}) {
            String truncated = full.substring(0, cut);
            JsonParseException e = assertThrows(JsonParseException.class, () -> readAll(truncated), "cut at " + cut);
            assertTrue(CardReader.endedEarly(e), e.getMessage());
        }
    }
}
