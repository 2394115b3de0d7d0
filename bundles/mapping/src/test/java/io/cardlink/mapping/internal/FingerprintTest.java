package io.cardlink.mapping.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;
import io.cardlink.api.mapping.MappingEngine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {
    private final MappingEngine engine = new DefaultMappingEngine(ZoneOffset.UTC);

    private static Map<String, List<Value>> attributes() {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("source_key", List.of(new StringValue("INC-000123")));
        attributes.put("title", List.of(new StringValue("Printer broken")));
        attributes.put("prio", List.of(NumberValue.of(2)));
        attributes.put("due", List.of(new DateValue(LocalDate.of(2021, 3, 24))));
        attributes.put("seen", List.of(new DateTimeValue(Instant.parse("2021-03-24T10:57:57Z"))));
        attributes.put("state", List.of(new StaticValue("Solving", "solving")));
        attributes.put("watchers", List.of(ReferenceValue.to("11"), ReferenceValue.to("12")));
        attributes.put("links", List.of(new ExternalReferenceValue("site", "https://example.org")));
        attributes.put("notes", List.of(WorklogValue.of("first")));
        return attributes;
    }

    private String fingerprint(Map<String, List<Value>> attributes) {
        return engine.fingerprint(DataCard.draft("local_incident", "imported", attributes));
    }

    private String changed(String code, Value... values) {
        Map<String, List<Value>> attributes = attributes();
        attributes.put(code, List.of(values));
        return fingerprint(attributes);
    }

    @Test
    void aLargeCardKeepsItsFingerprintToo() {
        // Larger than the encoder's first buffer, with non-ASCII text: the fingerprints of stored caches must not move.
        Map<String, List<Value>> attributes = attributes();
        attributes.put("description", List.of(new StringValue("Käyttäjä ei pääse tulostamaan. ".repeat(120))));
        attributes.put("tags", List.of(new StringValue("printer"), new StringValue("floor-3"), new StringValue("ä")));
        assertEquals("d44633b8f9e234be568148205f6e99ca", fingerprint(attributes));
    }

    @Test
    void isThirtyTwoHexDigitsAndTheSameAcrossRuns() {
        // Fixed so that a change of the encoding shows here: bump CardFingerprint.FORMAT with it.
        assertEquals("fd27d5cf19cfebd414acaf02a6e88a83", fingerprint(attributes()));
    }

    @Test
    void doesNotDependOnTheOrderOfAttributesOrOfValues() {
        Map<String, List<Value>> reversed = new LinkedHashMap<>();
        List<String> codes = List.copyOf(attributes().keySet());
        for (int i = codes.size() - 1; i >= 0; i--) {
            reversed.put(codes.get(i), attributes().get(codes.get(i)));
        }
        reversed.put("watchers", List.of(ReferenceValue.to("12"), ReferenceValue.to("11")));

        assertEquals(fingerprint(attributes()), fingerprint(reversed));
    }

    @Test
    void ignoresWhatAWriteDoesNotSend() {
        DataCard draft = DataCard.draft("local_incident", "imported", attributes());
        DataCard read = new DataCard("378180", "local_incident", "imported", "Printer broken", false, true,
                attributes());
        assertEquals(engine.fingerprint(draft), engine.fingerprint(read));
        assertEquals(fingerprint(attributes()), changed("watchers", new ReferenceValue("11", "Abraham", "person"),
                ReferenceValue.to("12")));
        assertEquals(fingerprint(attributes()), changed("prio", new NumberValue(new BigDecimal("2.00"))));
    }

    @Test
    void changesWithTemplateFolderOrAnyValue() {
        String original = fingerprint(attributes());
        List<String> variants = List.of(
                engine.fingerprint(DataCard.draft("incident", "imported", attributes())),
                engine.fingerprint(DataCard.draft("local_incident", "archive", attributes())),
                changed("title", new StringValue("Printer broken!")),
                changed("prio", NumberValue.of(3)),
                changed("due", new DateValue(LocalDate.of(2021, 3, 25))),
                changed("due", new DateTimeValue(Instant.parse("2021-03-24T00:00:00Z"))),
                changed("seen", new DateTimeValue(Instant.parse("2021-03-24T10:57:58Z"))),
                changed("state", new StaticValue("Solving", "solved")),
                changed("watchers", ReferenceValue.to("11")),
                changed("links", new ExternalReferenceValue("site", "https://example.com")),
                changed("notes", WorklogValue.of("second")),
                changed("title", new StringValue("Printer broken"), new StringValue("Printer broken")));
        for (String variant : variants) {
            assertNotEquals(original, variant);
        }
        assertEquals(variants.size(), variants.stream().distinct().count(), "every change gives its own fingerprint");
    }

    @Test
    void anAttributeWithNoValuesDiffersFromAnAbsentOne() {
        Map<String, List<Value>> cleared = attributes();
        cleared.put("title", List.of());
        Map<String, List<Value>> absent = attributes();
        absent.remove("title");

        assertNotEquals(fingerprint(cleared), fingerprint(absent));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        Map<String, List<Value>> one = new LinkedHashMap<>();
        one.put("ab", List.of(new StringValue("c")));
        Map<String, List<Value>> other = new LinkedHashMap<>();
        other.put("a", List.of(new StringValue("bc")));
        assertNotEquals(fingerprint(one), fingerprint(other));

        Map<String, List<Value>> valueAndCode = Map.of("s", List.of(new StaticValue("a", null)));
        Map<String, List<Value>> codeOnly = Map.of("s", List.of(new StaticValue(null, "a")));
        assertNotEquals(fingerprint(valueAndCode), fingerprint(codeOnly));
        assertNotEquals(fingerprint(Map.of("s", List.of(new StringValue("1")))),
                fingerprint(Map.of("s", List.of(NumberValue.of(1)))));
        assertTrue(fingerprint(one).matches("[0-9a-f]{32}"));
    }
}
