package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schemas of shapes the API's types may take, as the API's mapper writes them. */
class JsonSchemasTest {
    private final JsonSchemas schemas = new JsonSchemas(RestServer.objectMapper(),
            type -> type == Node.class ? Map.of("children", "the nodes below") : Map.of());

    record Node(String name, List<Node> children) {
    }

    sealed interface Shape permits Circle, Square {
    }

    record Circle(double radius) implements Shape {
    }

    record Square(double side) implements Shape {
    }

    record Drawing(Shape shape, Set<String> labels) {
    }

    record Week(java.time.DayOfWeek first, DayOfWeek last) {
    }

    record Timing(Duration timeout, LocalTime at, Map<String, List<Long>> samples) {
    }

    @Test
    void aTypeThatContainsItselfRefersToItsOwnName() {
        assertEquals("{\"$ref\":\"#/components/schemas/JsonSchemasTest.Node\"}", schemas.schema(Node.class).toString());
        assertEquals("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"children\":{\"type\":"
                + "\"array\",\"items\":{\"$ref\":\"#/components/schemas/JsonSchemasTest.Node\"},\"description\":"
                + "\"the nodes below\"}}}", schemas.components().path("JsonSchemasTest.Node").toString());
    }

    @Test
    void aSealedInterfaceIsOneOfItsClasses() {
        schemas.schema(Drawing.class);
        ObjectNode components = schemas.components();
        assertEquals("{\"oneOf\":[{\"$ref\":\"#/components/schemas/JsonSchemasTest.Circle\"},"
                + "{\"$ref\":\"#/components/schemas/JsonSchemasTest.Square\"}]}",
                components.path("JsonSchemasTest.Shape").toString());
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"uniqueItems\":true}",
                components.at("/JsonSchemasTest.Drawing/properties/labels").toString());
        assertEquals("{\"type\":\"number\",\"format\":\"double\"}",
                components.at("/JsonSchemasTest.Circle/properties/radius").toString());
    }

    @Test
    void twoTypesOfOneNameGetNamesApart() {
        schemas.schema(Week.class);
        ObjectNode components = schemas.components();
        assertEquals("#/components/schemas/DayOfWeek", components.at("/JsonSchemasTest.Week/properties/first/$ref")
                .asText());
        assertEquals("#/components/schemas/io.cardlink.rest.internal.DayOfWeek",
                components.at("/JsonSchemasTest.Week/properties/last/$ref").asText());
        assertEquals("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"]",
                components.at("/DayOfWeek/enum").toString());
        assertEquals("[\"FIRST\",\"SECOND\"]", components.at("/io.cardlink.rest.internal.DayOfWeek/enum").toString());
    }

    @Test
    void timeValuesTakeTheShapeTheMapperWrites() {
        schemas.schema(Timing.class);
        ObjectNode timing = (ObjectNode) schemas.components().at("/JsonSchemasTest.Timing/properties");
        // the API's mapper writes a Duration as seconds and a time of day as text
        assertEquals("{\"type\":\"number\",\"description\":\"seconds\"}", timing.path("timeout").toString());
        assertEquals("{\"type\":\"string\",\"example\":\"12:00:00\"}", timing.path("at").toString());
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"array\",\"items\":{\"type\":"
                + "\"integer\",\"format\":\"int64\"}}}", timing.path("samples").toString());
    }
}

/** Shares its simple name with java.time.DayOfWeek. */
enum DayOfWeek {
    FIRST,
    SECOND
}
