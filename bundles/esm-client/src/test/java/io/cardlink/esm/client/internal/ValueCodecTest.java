package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueCodecTest {

    private static String write(Value v) {
        return new String(CardJson.valuesBody(List.of(v)), StandardCharsets.UTF_8)
                .replaceFirst("^\\{\"values\":\\[(.*)]}$", "$1");
    }

    /** The fields of a value element as the card parser reads them from the stream. */
    private static Map<String, String> json(String text) throws Exception {
        try (JsonParser parser = Transport.MAPPER.createParser(text)) {
            parser.nextToken();
            return CardJson.valueFields(parser);
        }
    }

    @Test
    void writesTheElementShapesTheApiExpects() {
        assertEquals("{\"value\":\"Printer broken\"}", write(new StringValue("Printer broken")));
        assertEquals("{\"value\":42}", write(NumberValue.of(42)));
        assertEquals("{\"value\":0.2425432341}", write(new NumberValue(new BigDecimal("0.2425432341"))));
        assertEquals("{\"value\":3.5}", write(new NumberValue(new BigDecimal("3.50"))));
        assertEquals("{\"value\":0}", write(new NumberValue(new BigDecimal("0.00"))));
        assertEquals("{\"value\":\"2021-03-24\"}", write(new DateValue(LocalDate.of(2021, 3, 24))));
        assertEquals("{\"value\":\"2021-03-24T10:57:57Z\"}",
                write(new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z"))));
        assertEquals("{\"dataCardId\":\"21357\"}", write(new ReferenceValue("21357", "Alert", "alert")));
        assertEquals("{\"value\":\"02 - Solving\",\"code\":\"solving\"}",
                write(new StaticValue("02 - Solving", "solving")));
        assertEquals("{\"code\":\"solving\"}", write(new StaticValue(null, "solving")));
        assertEquals("{\"name\":\"Efecte\",\"location\":\"https://www.efecte.com\"}",
                write(new ExternalReferenceValue("Efecte", "https://www.efecte.com")));
        assertEquals("{\"value\":\"called the customer\"}", write(WorklogValue.of("called the customer")));
    }

    @Test
    void readsBothDateShapes() throws Exception {
        assertEquals(new DateValue(LocalDate.of(2021, 3, 24)), ValueCodec.read("date", json("{\"value\":\"2021-03-24\"}")));
        assertEquals(new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z")),
                ValueCodec.read("date", json("{\"value\":\"2021-03-24T10:57:57Z\"}")));
        assertEquals(new DateTimeValue(Instant.parse("2021-03-24T08:57:57Z")),
                ValueCodec.read("date", json("{\"value\":\"2021-03-24T10:57:57+02:00\"}")));
    }

    @Test
    void readsInstantsAndDatesByHandAsTheGeneralParsersDo() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString();
            int cut = random.nextInt(11);
            if (text.length() > 20 && cut > 0) {
                // Fractions of every length from one digit to nine.
                int dot = text.indexOf('.');
                text = text.substring(0, Math.min(text.length() - 1, dot + 1 + cut)) + "Z";
            }
            assertEquals(Instant.parse(text), ValueCodec.utcInstant(text), text);
            assertEquals(Instant.parse(text), ValueCodec.instant(text), text);
            String day = text.substring(0, 10);
            if (!day.startsWith("-") && !day.startsWith("+")) {
                assertEquals(LocalDate.parse(day), ValueCodec.isoDate(day), day);
            }
        }
        for (String other : List.of("2021-03-24T10:57:57+02:00", "2021-03-24t10:57:57z", "2021-02-30T10:57:57Z",
                "2021-03-24T24:00:00Z", "2021-03-24T10:57:57.Z", "2021-03-24T10:57:57.1234567890Z",
                "2021-03-24T10:57Z", "2021-03-24 10:57:57Z", "2021-03-24T10:57:5xZ")) {
            assertNull(ValueCodec.utcInstant(other), other);
        }
        assertEquals(Instant.parse("2021-03-24T08:57:57Z"), ValueCodec.instant("2021-03-24T10:57:57+02:00"));
        assertEquals(Instant.parse("2021-03-24T10:57:57Z"), ValueCodec.instant("2021-03-24t10:57:57z"));
        assertNull(ValueCodec.isoDate("2021-02-29"));
        assertNull(ValueCodec.isoDate("2021-3-24x"));
        assertThrows(DateTimeParseException.class, () -> ValueCodec.date("2021-02-30"));
        assertThrows(DateTimeParseException.class, () -> ValueCodec.date("2021-02-30T10:57:57Z"));
    }

    @Test
    void readsEveryType() throws Exception {
        assertEquals(new NumberValue(new BigDecimal("42")), ValueCodec.read("number", json("{\"value\":42}")));
        assertEquals(new NumberValue(new BigDecimal("1.5")), ValueCodec.read("number", json("{\"value\":\"1.5\"}")));
        assertEquals(new ReferenceValue("21357", "Disk capacity low", "alert"), ValueCodec.read("reference",
                json("{\"name\":\"Disk capacity low\",\"dataCardId\":\"21357\",\"templateName\":\"Alert\","
                        + "\"templateCode\":\"alert\",\"deleted\":false,\"hidden\":false}")));
        assertEquals(new StaticValue("02.02.2011", null),
                ValueCodec.read("static-value", json("{\"value\":\"02.02.2011\",\"code\":null}")));
        assertEquals(new ExternalReferenceValue("a.pdf", "loc-1"),
                ValueCodec.read("external-reference", json("{\"name\":\"a.pdf\",\"location\":\"loc-1\"}")));
        assertEquals(new WorklogValue("Abraham Administrator", "Second comment", Instant.parse("2021-03-24T08:58:55Z")),
                ValueCodec.read("worklog", json("{\"author\":\"Abraham Administrator\",\"value\":\"Second comment\","
                        + "\"date\":\"2021-03-24T08:58:55Z\"}")));
        assertEquals(new StringValue("x"), ValueCodec.read("STRING", json("{\"value\":\"x\"}")));
        assertNull(ValueCodec.read("reference", json("{}")));
    }

    @Test
    void templateTypesBeyondTheSevenMapToTheNearestOne() {
        assertEquals(AttributeType.STATIC_VALUE, ValueCodec.type("static-value", false));
        assertEquals(AttributeType.EXTERNAL_REFERENCE, ValueCodec.type("file", true));
        assertEquals(AttributeType.STRING, ValueCodec.type("text", false));
    }
}
