package io.cardlink.emulator.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cardlink.api.card.AttributeSchema;
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

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Writes cards, attributes and values in the JSON shapes of the REST API v1 (reference §4, §5). */
final class CardJson {
    private CardJson() {
    }

    /** The {@code {dataCardId, name, url}} element of lists and write responses. */
    static void writeInfo(JsonGenerator g, DataCard card) throws IOException {
        g.writeStartObject();
        g.writeStringField("dataCardId", card.id());
        g.writeStringField("name", card.name());
        g.writeStringField("url", "/dc/" + card.templateCode() + "/data/" + card.id());
        g.writeEndObject();
    }

    /** A full {@code RESTDataCard}; with a selection, only the selected attributes appear in {@code data}. */
    static void writeCard(JsonGenerator g, Instance instance, TemplateDef t, DataCard card, Set<String> selected)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", card.name());
        g.writeStringField("dataCardId", card.id());
        g.writeStringField("templateName", t.name());
        g.writeStringField("templateCode", t.code());
        g.writeStringField("templateId", t.id());
        g.writeStringField("folderName", instance.folderName(card.folderCode()));
        g.writeStringField("folderCode", card.folderCode());
        g.writeObjectFieldStart("data");
        for (AttributeSchema a : t.schema().attributes().values()) {
            if (selected == null || selected.contains(a.code())) {
                g.writeFieldName(a.code());
                writeElement(g, instance, a, card.values(a.code()));
            }
        }
        g.writeEndObject();
        g.writeBooleanField("deleted", card.deleted());
        g.writeBooleanField("hidden", card.hidden());
        g.writeEndObject();
    }

    /** A {@code DataCardElement}: {@code {name, type, values}}. */
    static void writeElement(JsonGenerator g, Instance instance, AttributeSchema a, List<Value> values) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", a.name());
        g.writeStringField("type", a.type().wireName());
        g.writeArrayFieldStart("values");
        for (Value v : values) {
            writeValue(g, instance, v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, Instance instance, Value value) throws IOException {
        g.writeStartObject();
        if (value instanceof StringValue s) {
            g.writeStringField("value", s.value());
        } else if (value instanceof NumberValue n) {
            g.writeFieldName("value");
            writeNumber(g, n.value());
        } else if (value instanceof DateValue d) {
            g.writeStringField("value", d.value().toString());
        } else if (value instanceof DateTimeValue d) {
            g.writeStringField("value", d.value().toString());
        } else if (value instanceof StaticValue s) {
            g.writeStringField("value", s.value());
            g.writeStringField("code", s.code());
        } else if (value instanceof ReferenceValue r) {
            Optional<DataCard> target = instance.findCard(r.dataCardId());
            g.writeStringField("name", target.map(DataCard::name).orElse(r.name()));
            g.writeStringField("dataCardId", r.dataCardId());
            String templateCode = target.map(DataCard::templateCode).orElse(r.templateCode());
            g.writeStringField("templateName", instance.findTemplate(templateCode).map(TemplateDef::name).orElse(templateCode));
            g.writeStringField("templateCode", templateCode);
            g.writeBooleanField("deleted", target.map(DataCard::deleted).orElse(true));
            g.writeBooleanField("hidden", target.map(DataCard::hidden).orElse(false));
        } else if (value instanceof ExternalReferenceValue x) {
            g.writeStringField("name", x.name());
            g.writeStringField("location", x.location());
        } else if (value instanceof WorklogValue w) {
            g.writeStringField("author", w.author());
            g.writeStringField("value", w.text());
            g.writeStringField("date", w.date() == null ? null : w.date().toString());
        }
        g.writeEndObject();
    }

    private static void writeNumber(JsonGenerator g, BigDecimal n) throws IOException {
        BigDecimal plain = n.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.precision() - plain.scale() <= 18) {
            g.writeNumber(plain.longValueExact());
        } else {
            g.writeNumber(plain.toPlainString());
        }
    }
}
