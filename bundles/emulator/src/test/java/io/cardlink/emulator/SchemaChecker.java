package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON against the subset of OpenAPI 3.0 schema keywords the vendor document uses: type, nullable,
 * required, properties, additionalProperties, items, $ref, enum and oneOf. Two leniencies, both for faults of the
 * vendor document: oneOf passes when at least one alternative matches (its value alternatives overlap, so exactly
 * one can never hold), and a bare {@code type: object} (no properties; {@code Attribute.value} and {@code RESTStaticValueInfo.value},
 * which the document's own examples fill with strings and numbers) also accepts scalars.
 */
final class SchemaChecker {
    private final JsonNode document;

    SchemaChecker(JsonNode document) {
        this.document = document;
    }

    /** The schema of a documented response, such as ("/dc/{templateCode}/data", "get", 200). */
    JsonNode responseSchema(String path, String method, int status) {
        JsonNode schema = document.path("paths").path(path).path(method).path("responses").path(String.valueOf(status))
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("the document has no JSON schema for " + method + " " + path + " " + status);
        }
        return schema;
    }

    JsonNode component(String name) {
        return document.path("components").path("schemas").path(name);
    }

    List<String> check(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(document.at(ref.substring(1)), value, at, errors);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(at + ": null is not allowed");
            }
            return;
        }
        if (schema.has("oneOf")) {
            for (JsonNode alternative : schema.get("oneOf")) {
                List<String> inner = new ArrayList<>();
                check(alternative, value, at, inner);
                if (inner.isEmpty()) {
                    return;
                }
            }
            errors.add(at + ": matches none of the oneOf alternatives: " + value);
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !typeMatches(schema, type, value)) {
            errors.add(at + ": expected " + type + " but found " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value) || allowed.asText().equals(value.asText());
            }
            if (!found) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": required property '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (properties.has(f.getKey())) {
                    check(properties.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
                } else if (additional != null && additional.isObject()) {
                    check(additional, f.getValue(), at + "." + f.getKey(), errors);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private static boolean typeMatches(JsonNode schema, String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject()
                    || (value.isValueNode() && !schema.has("properties") && !schema.has("additionalProperties"));
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }
}
