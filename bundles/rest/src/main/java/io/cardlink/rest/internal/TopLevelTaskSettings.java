package io.cardlink.rest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.task.ScheduledTask;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scheduled task whose settings are given as clients gave them before tasks had settings: a text field beside
 * the task's own fields (such as {@code eqlFilter}) is the setting of that name. Whether the connector type takes such
 * a setting is the task service's check, as for those given in {@code settings}. A field given both ways with two
 * different values is refused.
 */
final class TopLevelTaskSettings extends BeanDeserializerModifier {
    static final String SETTINGS = "settings";
    private static final Set<String> TASK_FIELDS = Arrays.stream(ScheduledTask.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    static SimpleModule module() {
        return new SimpleModule("top-level-task-settings").setDeserializerModifier(new TopLevelTaskSettings());
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
            JsonDeserializer<?> deserializer) {
        return description.getBeanClass() == ScheduledTask.class ? new Folding(deserializer) : deserializer;
    }

    /** Both ways, differently: the field named is {@code settings.<key>}. */
    static final class GivenTwice extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        GivenTwice(JsonParser parser, String key) {
            super(parser, "given twice with different values: as the field '" + key + "' and in settings; give it"
                    + " in settings only");
            prependPath(new Reference(null, key));
            prependPath(new Reference(null, SETTINGS));
        }
    }

    private static final class Folding extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Folding(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Folding(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            if (tree instanceof ObjectNode task) {
                fold(task, parser);
            }
            try (JsonParser folded = tree.traverse(parser.getCodec())) {
                folded.nextToken();
                return getDelegatee().deserialize(folded, context);
            }
        }

        private static void fold(ObjectNode task, JsonParser parser) throws JsonMappingException {
            List<String> outside = new ArrayList<>();
            task.fieldNames().forEachRemaining(name -> {
                JsonNode value = task.get(name);
                if (!TASK_FIELDS.contains(name) && (value.isTextual() || value.isNull())) {
                    outside.add(name);
                }
            });
            if (outside.isEmpty() || (task.has(SETTINGS) && !task.get(SETTINGS).isObject()
                    && !task.get(SETTINGS).isNull())) {
                return;
            }
            ObjectNode settings = task.get(SETTINGS) instanceof ObjectNode given ? given : task.putObject(SETTINGS);
            for (String key : outside) {
                JsonNode value = task.remove(key);
                JsonNode inSettings = settings.get(key);
                if (inSettings == null || inSettings.isNull()) {
                    settings.set(key, value);
                } else if (!value.isNull() && !inSettings.equals(value)) {
                    throw new GivenTwice(parser, key);
                }
            }
        }
    }
}
