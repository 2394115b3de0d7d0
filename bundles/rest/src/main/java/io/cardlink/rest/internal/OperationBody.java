package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.Validation;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.task.EventOperation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of an orchestration request: {@code {"operation": "create|update|delete", "idempotencyKey": "...",
 * "workflow": "...", "waitSeconds": n, "card": {attribute code: value or [values]}}}, or {@code "localCardId": "..."}
 * instead of {@code card} to have Cardlink read the card from the local instance. Values take the shapes of the card
 * JSON the engine writes (extract files): strings, numbers and dates as scalars, a reference as
 * {@code {"dataCardId": ...}}, a static value as {@code {"code": ...}} or {@code {"value": ...}}; a null or an empty
 * array clears the attribute. The mapping converts a string into the remote attribute's type (date, number, static
 * value) as for scheduled tasks.
 */
public record OperationBody(String operation, String idempotencyKey, String workflow, JsonNode card,
        String localCardId, Integer waitSeconds) {

    /** The request this body asks for; a {@link io.cardlink.api.ValidationException} names every malformed field. */
    OperationRequest toRequest() {
        Validation validation = new Validation();
        EventOperation parsed = null;
        if (operation != null && !operation.isBlank()) {
            try {
                parsed = EventOperation.valueOf(operation.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                validation.add("operation", "must be create, update or delete");
            }
        }
        DataCard attributes = null;
        if (card != null && !card.isNull()) {
            if (!card.isObject()) {
                validation.add("card", "expected an object of attribute codes and their values");
            } else {
                attributes = card(validation);
            }
        }
        validation.throwIfInvalid();
        return new OperationRequest(parsed, attributes, localCardId, idempotencyKey, workflow, waitSeconds);
    }

    private DataCard card(Validation validation) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = card.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "card." + field.getKey();
            JsonNode node = field.getValue();
            List<Value> values = new ArrayList<>();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Value value = value(node.get(i), path + "[" + i + "]", validation);
                    if (value != null) {
                        values.add(value);
                    }
                }
            } else if (!node.isNull()) {
                Value value = value(node, path, validation);
                if (value != null) {
                    values.add(value);
                }
            }
            attributes.put(field.getKey(), values);
        }
        return DataCard.draft(null, null, attributes);
    }

    private static Value value(JsonNode node, String path, Validation validation) {
        if (node.isTextual()) {
            return new StringValue(node.asText());
        }
        if (node.isNumber()) {
            return new NumberValue(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new StringValue(node.asText());
        }
        if (node.isObject()) {
            if (node.hasNonNull("dataCardId")) {
                return new ReferenceValue(node.get("dataCardId").asText(), text(node, "name"), text(node, "templateCode"));
            }
            if (node.hasNonNull("code") || node.hasNonNull("value")) {
                return new StaticValue(text(node, "value"), text(node, "code"));
            }
            if (node.hasNonNull("location")) {
                return new ExternalReferenceValue(text(node, "name"), text(node, "location"));
            }
        }
        validation.add(path, "expected a string, a number, {\"dataCardId\": ...} for a reference or {\"code\": ...}"
                + " for a static value");
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
