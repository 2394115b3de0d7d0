package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;


import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.esm.client.EsmFieldError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the JSON shapes of the REST API v1 (reference §4) to and from the shared card model. */
final class CardJson {

    private CardJson() {
    }

    /** A card from a {@code RESTDataCard} or, with {@code dataCards=false}, an info element. */
    static DataCard card(JsonNode node, String defaultTemplate) throws IOException {
        try (JsonParser parser = node.traverse(Transport.MAPPER)) {
            parser.nextToken();
            return card(parser, defaultTemplate);
        }
    }

    /**
     * A card read from the parser, which stands on the card's {@code START_OBJECT} and is left on its
     * {@code END_OBJECT}. Streamed field by field: a list of many cards builds no tree of each.
     */
    static DataCard card(JsonParser parser, String defaultTemplate) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new DataCard(null, defaultTemplate, null, null, false, false, new LinkedHashMap<>());
        }
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        String id = null;
        String template = null;
        String folder = null;
        String name = null;
        boolean deleted = false;
        boolean hidden = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "dataCardId" -> id = scalar(parser, value);
                case "templateCode" -> template = scalar(parser, value);
                case "folderCode" -> folder = scalar(parser, value);
                case "name" -> name = scalar(parser, value);
                case "deleted" -> deleted = flag(parser, value);
                case "hidden" -> hidden = flag(parser, value);
                case "data" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String code = parser.currentName();
                            parser.nextToken();
                            attributes.put(code, values(parser));
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new DataCard(id, template != null ? template : defaultTemplate, folder, name, deleted, hidden,
                attributes);
    }

    /** The values of a {@code DataCardElement} {@code {name, type, values}}. */
    static List<Value> values(JsonNode element) throws IOException {
        try (JsonParser parser = element.traverse(Transport.MAPPER)) {
            parser.nextToken();
            return values(parser);
        }
    }

    /**
     * The values of the {@code DataCardElement} the parser stands on (left on its end). The element's
     * {@code type} may follow its {@code values}, so the values' fields are kept until the element ends.
     */
    static List<Value> values(JsonParser parser) throws IOException {
        List<Value> values = new ArrayList<>();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return values;
        }
        String type = null;
        List<Map<String, String>> items = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("type".equals(field)) {
                type = scalar(parser, value);
            } else if ("values".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(valueFields(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
        for (Map<String, String> item : items) {
            Value v = ValueCodec.read(type, item);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /**
     * The scalar fields of the value element the parser stands on, as text (a field that is null or not a scalar is
     * left out); an item that is no object has none.
     */
    static Map<String, String> valueFields(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Map.of();
        }
        Map<String, String> fields = new HashMap<>(8);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            String text = scalar(parser, parser.nextToken());
            if (text != null) {
                fields.put(field, text);
            }
        }
        return fields;
    }

    /** The text of a scalar value; null for null, and for an object or array (which is skipped). */
    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private static boolean flag(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return false;
        }
        return parser.getValueAsBoolean(false);
    }

    /** {@code {"values": [...]}}, the body of an attribute write. */
    static byte[] valuesBody(List<Value> values) {
        return bytes(json -> writeValues(json, values));
    }

    /** A create request (no id) or a modify request (with id), as a single write. */
    static byte[] writeRequest(DataCard card) {
        return bytes(json -> writeRequest(json, card));
    }

    /** The items of a bulk PUT, in the order of the cards. */
    static byte[] bulkRequest(List<DataCard> cards) {
        return bytes(json -> {
            json.writeStartArray();
            for (DataCard card : cards) {
                writeRequest(json, card);
            }
            json.writeEndArray();
        });
    }

    /** A create or modify request, written straight to the body: no tree of the card is built. */
    private static void writeRequest(JsonGenerator json, DataCard card) throws IOException {
        json.writeStartObject();
        if (card.id() != null) {
            json.writeStringField("dataCardId", card.id());
        }
        if (card.folderCode() != null) {
            json.writeStringField("folderCode", card.folderCode());
        }
        json.writeObjectFieldStart("data");
        for (Map.Entry<String, List<Value>> attribute : card.attributes().entrySet()) {
            json.writeFieldName(attribute.getKey());
            writeValues(json, attribute.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeValues(JsonGenerator json, List<Value> values) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("values");
        for (Value value : values) {
            ValueCodec.write(json, value);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The body of one request. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Transport.MAPPER.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a request body to memory", e);
        }
        return out.toByteArray();
    }

    static List<TemplateInfo> templates(JsonNode array) {
        List<TemplateInfo> out = new ArrayList<>();
        for (JsonNode item : array) {
            String code = text(item, "templateCode");
            out.add(new TemplateInfo(code != null ? code : text(item, "code"), text(item, "name")));
        }
        return out;
    }

    static TemplateSchema schema(JsonNode node, String requestedCode) {
        List<FolderInfo> folders = new ArrayList<>();
        for (JsonNode f : node.path("allowedFolders")) {
            folders.add(new FolderInfo(text(f, "folderCode"), text(f, "folderName")));
        }
        Map<String, AttributeSchema> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("attributes").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode a = field.getValue();
            boolean file = a.path("file").asBoolean(false);
            List<StaticChoice> choices = new ArrayList<>();
            for (JsonNode c : a.path("values")) {
                choices.add(new StaticChoice(text(c, "code"), text(c, "value")));
            }
            List<String> targets = new ArrayList<>();
            for (JsonNode t : a.path("target")) {
                targets.add(t.asText());
            }
            attributes.put(field.getKey(), new AttributeSchema(field.getKey(), text(a, "name"),
                    ValueCodec.type(text(a, "type"), file), a.path("multiValue").asBoolean(false), file, choices,
                    targets));
        }
        String code = text(node, "code");
        return new TemplateSchema(code != null ? code : requestedCode, text(node, "name"), folders, attributes);
    }

    /** The {@code RESTError} entries of an {@code errors} array. */
    static List<EsmFieldError> errors(JsonNode array) {
        List<EsmFieldError> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                out.add(new EsmFieldError(text(e, "attributeCode"), text(e, "attributeType"), text(e, "message"),
                        text(e, "error")));
            }
        }
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
