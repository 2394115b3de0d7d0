package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.Validation;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * The engine settings of this node (Config Admin PID {@code io.cardlink.engine}). A PUT names only the settings
 * it changes; a change applies without a restart. A PUT may carry {@code localPassword}, which is no setting: the
 * local WebAPI password of every connector, needed again when {@code localUrl} moves to another host.
 */
@Path("/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {
    private final ServiceAccess<SettingsService> settings;

    SettingsResource(ServiceAccess<SettingsService> settings) {
        this.settings = settings;
    }

    @GET
    public EngineSettings get() {
        return settings.get().current();
    }

    @PUT
    public EngineSettings update(JsonNode body) {
        return settings.get().update(changes(body));
    }

    /**
     * The settings a body changes, as the text the cfg file would hold: numbers and booleans as written, a list
     * of hours as {@code 6,12}. Values of other shapes are refused by key.
     */
    static Map<String, String> changes(JsonNode body) {
        Validation validation = new Validation();
        if (body == null || !body.isObject() || body.isEmpty()) {
            validation.add("body", "required: a JSON object of the settings to change, such as {\"environment\":\"PROD\"}");
            validation.throwIfInvalid();
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                changes.put(field.getKey(), value.asText());
            } else if (value.isArray() && allScalars(value)) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                changes.put(field.getKey(), String.join(",", items));
            } else {
                validation.add(field.getKey(), "must be a text, a number, true/false or a list of numbers");
            }
        }
        validation.throwIfInvalid();
        return changes;
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode() || item.isNull()) {
                return false;
            }
        }
        return true;
    }
}
