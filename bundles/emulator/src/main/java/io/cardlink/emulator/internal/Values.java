package io.cardlink.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cardlink.api.card.AttributeType;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticChoice;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks the values of a write request against the template: types, static choices, reference targets,
 * the multi-value flag and read-only attributes. Every problem is collected, not only the first.
 */
final class Values {

    /**
     * What a write knows besides its body.
     *
     * @param author                display name of the API user, the author of worklog entries
     * @param createEmptyReferences whether a reference given by name alone may create an empty target card
     * @param fixture               fixture mode: read-only attributes and scalar shorthands are allowed
     */
    record Context(Instance instance, String author, Instant now, boolean createEmptyReferences, boolean fixture,
            List<DataCard> createdReferences) {
    }

    private Values() {
    }

    /** The attributes of a request's {@code data} object; unknown and read-only attributes are problems. */
    static Map<String, List<Value>> readData(TemplateDef template, JsonNode data, Context ctx, List<Problem> problems) {
        Map<String, List<Value>> out = new LinkedHashMap<>();
        if (data == null || data.isNull()) {
            return out;
        }
        if (!data.isObject()) {
            problems.add(Problem.ofCard(400, "'data' must be an object of attribute codes"));
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<AttrDef> attribute = template.attribute(field.getKey());
            if (attribute.isEmpty()) {
                problems.add(new Problem(field.getKey(), null, "Unknown attribute '" + field.getKey()
                        + "' for template '" + template.code() + "'", 400));
                continue;
            }
            AttrDef def = attribute.get();
            if (def.readOnly() && !ctx.fixture()) {
                problems.add(Problem.of(def, "Attribute '" + def.name() + "' is read-only"));
                continue;
            }
            JsonNode values = field.getValue();
            if (ctx.fixture() && !(values.isObject() && values.has("values"))) {
                values = values.isArray() ? values : JsonNodeFactory.instance.arrayNode().add(values);
            } else if (values.isObject()) {
                values = values.get("values");
            } else {
                problems.add(Problem.of(def, "expected an object with a 'values' array"));
                continue;
            }
            List<Value> read = read(def, values, ctx, problems);
            if (read != null) {
                out.put(def.code(), read);
            }
        }
        return out;
    }

    /** The values of one attribute, or null when any is invalid (the problems say why). */
    static List<Value> read(AttrDef attribute, JsonNode values, Context ctx, List<Problem> problems) {
        if (values == null || !values.isArray()) {
            problems.add(Problem.of(attribute, "'values' must be an array"));
            return null;
        }
        if (!attribute.multiValue() && values.size() > 1) {
            problems.add(Problem.of(attribute, "Attribute '" + attribute.name() + "' takes one value but "
                    + values.size() + " were given"));
            return null;
        }
        int before = problems.size();
        List<Value> out = new ArrayList<>();
        for (JsonNode element : values) {
            JsonNode e = element;
            if (!e.isObject()) {
                if (!ctx.fixture()) {
                    problems.add(Problem.of(attribute, "each value must be an object such as {\"value\": ...}"));
                    continue;
                }
                e = JsonNodeFactory.instance.objectNode().set(
                        attribute.type() == AttributeType.REFERENCE ? "dataCardId" : "value", e);
            }
            Value v = one(attribute, e, ctx, problems);
            if (v != null) {
                out.add(v);
            }
        }
        return problems.size() == before ? out : null;
    }

    private static Value one(AttrDef a, JsonNode e, Context ctx, List<Problem> problems) {
        JsonNode value = e.get("value");
        switch (a.type()) {
            case STRING -> {
                if (value == null || !value.isValueNode() || value.isNull()) {
                    problems.add(Problem.of(a, "a string 'value' is required"));
                    return null;
                }
                return new StringValue(value.asText());
            }
            case NUMBER -> {
                BigDecimal number = number(value);
                if (number == null) {
                    problems.add(Problem.of(a, "Not a number: " + (value == null ? "missing 'value'" : value.toString())));
                }
                return number == null ? null : new NumberValue(number);
            }
            case DATE -> {
                Value date = value != null && value.isTextual() ? date(value.asText()) : null;
                if (date == null) {
                    problems.add(Problem.of(a, "Not a date: " + (value == null ? "missing 'value'" : value.toString())
                            + " (expected yyyy-MM-dd or an ISO-8601 date-time such as 2024-03-01T10:00:00Z)"));
                }
                return date;
            }
            case STATIC_VALUE -> {
                return staticValue(a, value, e.get("code"), problems);
            }
            case REFERENCE -> {
                return reference(a, e, ctx, problems);
            }
            case EXTERNAL_REFERENCE -> {
                JsonNode location = e.get("location");
                if (location == null || !location.isTextual() || location.asText().isBlank()) {
                    problems.add(Problem.of(a, "an external reference needs a 'location'"));
                    return null;
                }
                JsonNode name = e.get("name");
                return new ExternalReferenceValue(name != null && name.isTextual() ? name.asText() : location.asText(),
                        location.asText());
            }
            case WORKLOG -> {
                if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                    problems.add(Problem.of(a, "a worklog entry needs a text 'value'"));
                    return null;
                }
                if (ctx.fixture()) {
                    Value date = e.has("date") ? date(e.get("date").asText()) : null;
                    Instant at = date instanceof DateTimeValue dt ? dt.value() : ctx.now();
                    return new WorklogValue(e.path("author").asText(ctx.author()), value.asText(), at);
                }
                return new WorklogValue(ctx.author(), value.asText(), ctx.now());
            }
            default -> throw new IllegalStateException("unhandled type " + a.type());
        }
    }

    static BigDecimal number(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A date ({@code yyyy-MM-dd}) or a date-time (ISO-8601 with zone, kept as an instant), or null. */
    static Value date(String text) {
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return new DateValue(LocalDate.parse(s));
            }
            return new DateTimeValue(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Value staticValue(AttrDef a, JsonNode valueNode, JsonNode codeNode, List<Problem> problems) {
        String value = valueNode == null || valueNode.isNull() || !valueNode.isValueNode() ? null : valueNode.asText();
        String code = codeNode == null || codeNode.isNull() || !codeNode.isValueNode() ? null : codeNode.asText();
        if (value == null && code == null) {
            problems.add(Problem.of(a, "a static value needs a 'value' or a 'code'"));
            return null;
        }
        for (StaticChoice choice : a.schema().choices()) {
            if ((value == null || value.equals(choice.value())) && (code == null || code.equals(choice.code()))) {
                return new StaticValue(choice.value(), choice.code());
            }
        }
        problems.add(Problem.of(a, "Couldn't find static-value with value: " + value + " and code: " + code
                + " from attribute: " + a.name()));
        return null;
    }

    private static Value reference(AttrDef a, JsonNode e, Context ctx, List<Problem> problems) {
        JsonNode idNode = e.get("dataCardId");
        if (idNode == null || idNode.isNull() || !idNode.isValueNode() || idNode.asText().isBlank()) {
            JsonNode name = e.get("name");
            if (ctx.createEmptyReferences() && name != null && name.isTextual() && !name.asText().isBlank()) {
                DataCard target = ctx.instance().findOrCreateReferenceTarget(a, name.asText(), ctx);
                return new ReferenceValue(target.id(), target.name(), target.templateCode());
            }
            problems.add(Problem.of(a, "a reference needs a 'dataCardId'"));
            return null;
        }
        String id = idNode.asText().trim();
        Optional<DataCard> target = ctx.instance().findCard(id);
        if (target.isEmpty() || target.get().deleted()) {
            problems.add(Problem.of(a, "Couldn't find data card with id: " + id));
            return null;
        }
        DataCard card = target.get();
        if (!a.schema().targetTemplates().contains(card.templateCode())) {
            problems.add(Problem.of(a, "Data card " + id + " is of template '" + card.templateCode()
                    + "' but attribute '" + a.name() + "' refers to " + a.schema().targetTemplates()));
            return null;
        }
        return new ReferenceValue(card.id(), card.name(), card.templateCode());
    }
}
