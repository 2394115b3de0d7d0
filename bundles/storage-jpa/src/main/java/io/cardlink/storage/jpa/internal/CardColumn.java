package io.cardlink.storage.jpa.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.ValidationException;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data card as the outbox stores it: a JSON object with the card's fields and its attributes, each value tagged
 * with its kind ({@code {"kind":"date","value":"2026-03-01"}}), so that it reads back as the same value types.
 */
final class CardColumn {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CardColumn() {
    }

    /** The card as JSON; a {@link ValidationException} on {@code card} when it is too large to store. */
    static String write(DataCard card) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", card.id());
        root.put("template", card.templateCode());
        root.put("folder", card.folderCode());
        root.put("name", card.name());
        root.put("deleted", card.deleted());
        root.put("hidden", card.hidden());
        ObjectNode attributes = root.putObject("attributes");
        card.attributes().forEach((code, values) -> {
            ArrayNode list = attributes.putArray(code);
            values.forEach(value -> list.add(write(value)));
        });
        String text = root.toString();
        if (text.length() > Json.MAX_TEXT) {
            throw new ValidationException("card",
                    "is too large to store: " + text.length() + " characters as JSON, at most " + Json.MAX_TEXT);
        }
        return text;
    }

    static DataCard read(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored outbox card is not valid JSON", e);
        }
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("attributes").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<Value> values = new ArrayList<>();
            field.getValue().forEach(node -> values.add(read(node)));
            attributes.put(field.getKey(), values);
        }
        return new DataCard(text(root, "id"), text(root, "template"), text(root, "folder"), text(root, "name"),
                root.path("deleted").asBoolean(), root.path("hidden").asBoolean(), attributes);
    }

    private static ObjectNode write(Value value) {
        ObjectNode node = MAPPER.createObjectNode();
        if (value instanceof StringValue v) {
            node.put("kind", "string").put("value", v.value());
        } else if (value instanceof NumberValue v) {
            node.put("kind", "number").put("value", v.value().toString());
        } else if (value instanceof DateValue v) {
            node.put("kind", "date").put("value", v.value().toString());
        } else if (value instanceof DateTimeValue v) {
            node.put("kind", "dateTime").put("value", v.value().toString());
        } else if (value instanceof ReferenceValue v) {
            node.put("kind", "reference").put("dataCardId", v.dataCardId()).put("name", v.name())
                    .put("templateCode", v.templateCode());
        } else if (value instanceof StaticValue v) {
            node.put("kind", "static").put("value", v.value()).put("code", v.code());
        } else if (value instanceof ExternalReferenceValue v) {
            node.put("kind", "external").put("name", v.name()).put("location", v.location());
        } else if (value instanceof WorklogValue v) {
            node.put("kind", "worklog").put("author", v.author()).put("text", v.text())
                    .put("date", v.date() == null ? null : v.date().toString());
        }
        return node;
    }

    private static Value read(JsonNode node) {
        String kind = node.path("kind").asText();
        return switch (kind) {
            case "string" -> new StringValue(text(node, "value"));
            case "number" -> new NumberValue(new BigDecimal(text(node, "value")));
            case "date" -> new DateValue(LocalDate.parse(text(node, "value")));
            case "dateTime" -> new DateTimeValue(Instant.parse(text(node, "value")));
            case "reference" -> new ReferenceValue(text(node, "dataCardId"), text(node, "name"),
                    text(node, "templateCode"));
            case "static" -> new StaticValue(text(node, "value"), text(node, "code"));
            case "external" -> new ExternalReferenceValue(text(node, "name"), text(node, "location"));
            case "worklog" -> new WorklogValue(text(node, "author"), text(node, "text"),
                    node.hasNonNull("date") ? Instant.parse(text(node, "date")) : null);
            default -> throw new IllegalStateException("a stored outbox card has a value of unknown kind '" + kind + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
