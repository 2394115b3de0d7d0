package io.cardlink.engine.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cardlink.api.ValidationException;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.ScheduledTask;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads and writes export documents. Tasks appear as the API records without their id, connector id and times.
 * The canonical form that is authenticated is the parsed document written with sorted properties and map keys,
 * so what is authenticated is exactly what an import uses, however the file was formatted.
 */
final class ExportFormat {
    private static final ObjectMapper READABLE = mapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(ScheduledTask.class, WithoutIdentity.class)
            .addMixIn(EventTask.class, WithoutIdentity.class)
            .addMixIn(RemovalPolicy.class, OptionsLeftOutWhileOff.class)
            .build();

    private ExportFormat() {
    }

    @JsonIgnoreProperties({"id", "connectorId", "createdAt", "updatedAt"})
    private abstract static class WithoutIdentity {
    }

    /** Files exported before an option existed lack it; written only when set, they stay authentic. */
    private abstract static class OptionsLeftOutWhileOff {
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract boolean reactivateReturning();
    }

    private static ObjectMapper mapper() {
        // is-getters off: Schedule.isCron() would otherwise replace the cron expression with a boolean
        return JsonMapper.builder()
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(ScheduledTask.class, WithoutIdentity.class)
                .addMixIn(EventTask.class, WithoutIdentity.class)
                .addMixIn(RemovalPolicy.class, OptionsLeftOutWhileOff.class)
                .build();
    }

    static String write(ExportDocument document) {
        try {
            return READABLE.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export document can't be written as JSON", e);
        }
    }

    /** The bytes the authentication covers: the document without its authentication, canonically written. */
    static byte[] canonical(ExportDocument document) {
        try {
            return CANONICAL.writeValueAsString(document.withAuthentication(null)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export document can't be written as JSON", e);
        }
    }

    /**
     * Parses a document; a {@link ValidationException} on {@code document} (or a path inside it) when it is not an
     * export of this format and version.
     */
    static ExportDocument parse(String text) {
        JsonNode tree;
        try {
            tree = READABLE.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new ValidationException("document", "not valid JSON");
        }
        if (tree == null || !tree.isObject() || !ExportDocument.FORMAT.equals(tree.path("format").asText())) {
            throw new ValidationException("document", "not a Cardlink export (format '" + ExportDocument.FORMAT
                    + "')");
        }
        if (tree.path("version").asInt() != ExportDocument.VERSION) {
            throw new ValidationException("document.version", "version " + tree.path("version").asText()
                    + " is not supported; this Cardlink reads version " + ExportDocument.VERSION);
        }
        try {
            return READABLE.treeToValue(tree, ExportDocument.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining());
            String problem = e instanceof UnrecognizedPropertyException ? "unknown field" : "invalid value";
            throw new ValidationException("document" + path, problem);
        } catch (JsonProcessingException e) {
            throw new ValidationException("document", "not a Cardlink export");
        }
    }
}
