package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.card.AttributeSchema;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.FolderInfo;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.card.Value;
import io.cardlink.esm.client.EsmFieldError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the JSON shapes of the REST API v1 (reference §4) to and from the shared card model. */
final class CardJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CardJson() {
    }

    /** A card from a {@code RESTDataCard} or, with {@code dataCards=false}, an info element. */
    static DataCard card(JsonNode node, String defaultTemplate) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        JsonNode data = node.get("data");
        if (data != null && data.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                attributes.put(field.getKey(), values(field.getValue()));
            }
        }
        String template = text(node, "templateCode");
        return new DataCard(text(node, "dataCardId"), template != null ? template : defaultTemplate,
                text(node, "folderCode"), text(node, "name"), node.path("deleted").asBoolean(false),
                node.path("hidden").asBoolean(false), attributes);
    }

    /** The values of a {@code DataCardElement} {@code {name, type, values}}. */
    static List<Value> values(JsonNode element) {
        String type = text(element, "type");
        List<Value> values = new ArrayList<>();
        for (JsonNode item : element.path("values")) {
            Value v = ValueCodec.read(type, item);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /** The {@code data} object of a write request: code to {@code {values: [...]}}. */
    static ObjectNode data(Map<String, List<Value>> attributes) {
        ObjectNode data = NODES.objectNode();
        attributes.forEach((code, values) -> data.set(code, valuesBody(values)));
        return data;
    }

    /** {@code {"values": [...]}}, the body of an attribute write. */
    static ObjectNode valuesBody(List<Value> values) {
        ObjectNode body = NODES.objectNode();
        ArrayNode array = body.putArray("values");
        values.forEach(v -> array.add(ValueCodec.write(v)));
        return body;
    }

    /** A create request (no id) or a modify request (with id), as one item of a bulk PUT or a single write. */
    static ObjectNode writeRequest(DataCard card) {
        ObjectNode body = NODES.objectNode();
        if (card.id() != null) {
            body.put("dataCardId", card.id());
        }
        if (card.folderCode() != null) {
            body.put("folderCode", card.folderCode());
        }
        body.set("data", data(card.attributes()));
        return body;
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
