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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.ValidationException;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.ScheduledTask;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

    private static final String SETTINGS = "settings";
    private static final Set<String> TASK_FIELDS = Arrays.stream(ScheduledTask.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

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

    /**
     * The bytes the authentication covers: the document without its authentication, canonically written. A version 1
     * document is written as version 1 wrote it, with each scheduled task's settings beside its other fields, so
     * that the files exported then stay authentic.
     */
    static byte[] canonical(ExportDocument document) {
        try {
            ExportDocument covered = document.withAuthentication(null);
            if (document.version() != ExportDocument.TOP_LEVEL_SETTINGS) {
                return CANONICAL.writeValueAsString(covered).getBytes(StandardCharsets.UTF_8);
            }
            JsonNode tree = CANONICAL.valueToTree(covered);
            for (ObjectNode task : scheduledTasks(tree)) {
                JsonNode settings = task.remove(SETTINGS);
                if (settings != null) {
                    settings.fields().forEachRemaining(setting -> task.set(setting.getKey(), setting.getValue()));
                }
            }
            // as plain maps, written with sorted keys as the records were with sorted properties
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export document can't be written as JSON", e);
        }
    }

    /**
     * Version 1 kept a scheduled task's type-specific fields beside the others: each text field that is no field of a
     * task goes into its settings.
     */
    private static void settingsIntoPlace(JsonNode tree) {
        for (ObjectNode task : scheduledTasks(tree)) {
            ObjectNode settings = task.has(SETTINGS) && task.get(SETTINGS).isObject() ? (ObjectNode) task.get(SETTINGS)
                    : task.putObject(SETTINGS);
            List<String> moved = new ArrayList<>();
            task.fields().forEachRemaining(field -> {
                if (!TASK_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    moved.add(field.getKey());
                }
            });
            moved.forEach(key -> settings.set(key, task.remove(key)));
        }
    }

    private static List<ObjectNode> scheduledTasks(JsonNode tree) {
        List<ObjectNode> tasks = new ArrayList<>();
        for (JsonNode connector : tree.path("connectors")) {
            for (JsonNode task : connector.path("scheduledTasks")) {
                if (task.isObject()) {
                    tasks.add((ObjectNode) task);
                }
            }
        }
        return tasks;
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
        int version = tree.path("version").asInt();
        if (version != ExportDocument.VERSION && version != ExportDocument.TOP_LEVEL_SETTINGS) {
            throw new ValidationException("document.version", "version " + tree.path("version").asText()
                    + " is not supported; this Cardlink reads versions " + ExportDocument.TOP_LEVEL_SETTINGS
                    + " and " + ExportDocument.VERSION);
        }
        if (version == ExportDocument.TOP_LEVEL_SETTINGS) {
            settingsIntoPlace(tree);
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
