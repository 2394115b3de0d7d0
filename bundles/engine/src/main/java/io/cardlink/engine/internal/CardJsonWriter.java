package io.cardlink.engine.internal;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.util.List;
import java.util.Map;

/**
 * Writes a data card as JSON for the extract file: id, template, folder, name, flags and the attributes with their
 * values in the shapes of the REST API (scalars for strings, numbers and dates; objects for references, static
 * values, external references and worklog entries).
 */
final class CardJsonWriter {

    private CardJsonWriter() {
    }

    static void write(JsonGenerator json, DataCard card) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", card.id());
        json.writeStringField("template", card.templateCode());
        json.writeStringField("folder", card.folderCode());
        json.writeStringField("name", card.name());
        json.writeBooleanField("deleted", card.deleted());
        json.writeBooleanField("hidden", card.hidden());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, List<Value>> attribute : card.attributes().entrySet()) {
            json.writeArrayFieldStart(attribute.getKey());
            for (Value value : attribute.getValue()) {
                writeValue(json, value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Value value) throws IOException {
        if (value instanceof StringValue string) {
            json.writeString(string.value());
        } else if (value instanceof NumberValue number) {
            json.writeNumber(number.value());
        } else if (value instanceof DateValue date) {
            json.writeString(date.value().toString());
        } else if (value instanceof DateTimeValue dateTime) {
            json.writeString(dateTime.value().toString());
        } else if (value instanceof ReferenceValue reference) {
            json.writeStartObject();
            json.writeStringField("dataCardId", reference.dataCardId());
            json.writeStringField("name", reference.name());
            json.writeStringField("templateCode", reference.templateCode());
            json.writeEndObject();
        } else if (value instanceof StaticValue choice) {
            json.writeStartObject();
            json.writeStringField("value", choice.value());
            json.writeStringField("code", choice.code());
            json.writeEndObject();
        } else if (value instanceof ExternalReferenceValue external) {
            json.writeStartObject();
            json.writeStringField("name", external.name());
            json.writeStringField("location", external.location());
            json.writeEndObject();
        } else if (value instanceof WorklogValue worklog) {
            json.writeStartObject();
            json.writeStringField("author", worklog.author());
            json.writeStringField("text", worklog.text());
            json.writeStringField("date", worklog.date() == null ? null : worklog.date().toString());
            json.writeEndObject();
        }
    }
}
