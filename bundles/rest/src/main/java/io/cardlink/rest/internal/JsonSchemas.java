package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * JSON schemas (the OpenAPI 3.0 dialect) of the Java types the API reads and writes, as the API's own
 * {@link ObjectMapper} sees them: property names, mixins, ignored and read-only properties, enum constants and the
 * shape of java.time values all come from that mapper, so the schemas say what the API actually sends. Named types
 * (records, classes, enums) become components referred to by {@code $ref}; a sealed interface is one of its
 * permitted classes.
 */
final class JsonSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String COMPONENTS = "#/components/schemas/";

    /** java.time values as the mapper writes them, to learn their JSON shape from. */
    private static final Map<Class<?>, Object> TIME_SAMPLES = Map.of(
            Instant.class, Instant.EPOCH,
            OffsetDateTime.class, OffsetDateTime.parse("2020-01-01T00:00:00Z"),
            ZonedDateTime.class, ZonedDateTime.parse("2020-01-01T00:00:00Z"),
            LocalDate.class, LocalDate.EPOCH,
            LocalDateTime.class, LocalDateTime.parse("2020-01-01T00:00:00"),
            LocalTime.class, LocalTime.NOON,
            Duration.class, Duration.ofSeconds(90));

    private final ObjectMapper mapper;
    private final Function<Class<?>, Map<String, String>> propertyNotes;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<JavaType, String> names = new LinkedHashMap<>();

    /** {@code propertyNotes} describes the properties of a class, by JSON name, where words help. */
    JsonSchemas(ObjectMapper mapper, Function<Class<?>, Map<String, String>> propertyNotes) {
        this.mapper = mapper;
        this.propertyNotes = propertyNotes;
    }

    /** The schema of a Java type (a class or a parameterized type): inline for scalars and containers, else a $ref. */
    ObjectNode schema(Type type) {
        return schema(mapper.getTypeFactory().constructType(type));
    }

    ObjectNode schema(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return JSON.objectNode(); // any JSON value
        }
        ObjectNode scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", schema(type.getContentType()));
            if (Set.class.isAssignableFrom(raw)) {
                array.put("uniqueItems", true);
            }
            return array;
        }
        if (type.isMapLikeType()) {
            ObjectNode map = JSON.objectNode().put("type", "object");
            map.set("additionalProperties", schema(type.getContentType()));
            return map;
        }
        return reference(type);
    }

    /** The named schemas referred to so far, by name. */
    ObjectNode components() {
        ObjectNode all = JSON.objectNode();
        components.forEach(all::set);
        return all;
    }

    private ObjectNode scalar(Class<?> raw) {
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return type("string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type("boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return type("integer").put("format", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return type("integer").put("format", "int64");
        }
        if (raw == BigInteger.class) {
            return type("integer");
        }
        if (raw == double.class || raw == Double.class) {
            return type("number").put("format", "double");
        }
        if (raw == float.class || raw == Float.class) {
            return type("number").put("format", "float");
        }
        if (raw == BigDecimal.class || Number.class.isAssignableFrom(raw)) {
            return type("number");
        }
        if (raw == UUID.class) {
            return type("string").put("format", "uuid");
        }
        if (raw == URI.class || raw == URL.class) {
            return type("string").put("format", "uri");
        }
        if (TIME_SAMPLES.containsKey(raw)) {
            return time(raw);
        }
        return null;
    }

    private ObjectNode time(Class<?> raw) {
        JsonNode sample = mapper.valueToTree(TIME_SAMPLES.get(raw));
        if (sample.isNumber()) {
            return type("number").put("description", raw == Duration.class ? "seconds" : "a timestamp");
        }
        ObjectNode schema = type("string");
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return schema.put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return schema.put("format", "date");
        }
        return schema.put("example", sample.asText());
    }

    private ObjectNode reference(JavaType type) {
        String name = names.get(type);
        if (name == null) {
            name = uniqueName(type);
            // named before its schema is built, so that a type that contains itself refers to its own name
            names.put(type, name);
            components.put(name, named(type));
        }
        return JSON.objectNode().put("$ref", COMPONENTS + name);
    }

    private ObjectNode named(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw.isEnum()) {
            ObjectNode schema = type("string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(constant).asText());
            }
            return schema;
        }
        if (raw.isSealed()) {
            ObjectNode schema = JSON.objectNode();
            ArrayNode oneOf = schema.putArray("oneOf");
            for (Class<?> permitted : raw.getPermittedSubclasses()) {
                oneOf.add(schema(mapper.getTypeFactory().constructType(permitted)));
            }
            return schema;
        }
        return object(type);
    }

    private ObjectNode object(JavaType type) {
        BeanDescription written = mapper.getSerializationConfig().introspect(type);
        Set<String> readable = new HashSet<>();
        for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(type).findProperties()) {
            if (property.couldDeserialize()) {
                readable.add(property.getName());
            }
        }
        Map<String, String> notes = propertyNotes.apply(type.getRawClass());
        ObjectNode schema = type("object");
        ObjectNode properties = schema.putObject("properties");
        for (BeanPropertyDefinition property : written.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            ObjectNode propertySchema = schema(property.getPrimaryType());
            if (!readable.contains(property.getName())) {
                // shown in answers, ignored in requests (such as an event task's inUse)
                propertySchema = beside(propertySchema).put("readOnly", true);
            }
            String note = notes.get(property.getName());
            if (note != null) {
                propertySchema = beside(propertySchema).put("description", note);
            }
            properties.set(property.getName(), propertySchema);
        }
        return schema;
    }

    /** A schema that takes more keywords: OpenAPI 3.0 ignores the siblings of a $ref, so it is wrapped. */
    private static ObjectNode beside(ObjectNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        ObjectNode wrapped = JSON.objectNode();
        wrapped.putArray("allOf").add(schema);
        return wrapped;
    }

    private String uniqueName(JavaType type) {
        String name = simpleName(type);
        if (names.containsValue(name)) {
            name = type.getRawClass().getName().replace('$', '.');
        }
        return name;
    }

    /** {@code ImportReport.Refusal} for a nested class, {@code SavedTask_EventTask} for a parameterized one. */
    private static String simpleName(JavaType type) {
        Class<?> raw = type.getRawClass();
        StringBuilder name = new StringBuilder(raw.getSimpleName());
        for (Class<?> outer = raw.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + ".");
        }
        for (int i = 0; i < type.containedTypeCount(); i++) {
            name.append('_').append(simpleName(type.containedType(i)));
        }
        return name.toString();
    }

    private static ObjectNode type(String name) {
        return JSON.objectNode().put("type", name);
    }
}
