package io.cardlink.shell.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.ScheduledTask;

/** Finds a task by name or id whatever its kind (names are unique within a connector across kinds). */
final class TaskLookup {
    static final String UNAVAILABLE =
            "Cardlink task management is not available right now: the storage or the engine bundle is not active.";

    private TaskLookup() {
    }

    /** A {@link ScheduledTask} or an {@link EventTask}. */
    static Object find(TaskService tasks, String connector, String task) {
        try {
            return tasks.getScheduled(connector, task);
        } catch (NotFoundException notScheduled) {
            try {
                return tasks.getEvent(connector, task);
            } catch (NotFoundException notEvent) {
                if (notEvent.getMessage().startsWith("connector '") && notEvent.getMessage().endsWith("exist")) {
                    throw notEvent;
                }
                throw new NotFoundException("connector '" + connector + "' has no task '" + task + "'");
            }
        }
    }

    /** Reads task files in the REST API's JSON: the same records, unknown fields refused. */
    static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .addMixIn(EventTask.class, InUseIsDerived.class)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A file saved from GET carries {@code inUse}; it follows from the workflow references and is not read. */
    @JsonIgnoreProperties(value = "inUse", allowGetters = true)
    abstract static class InUseIsDerived {

        @JsonProperty("inUse")
        abstract boolean inUse();
    }
}
