package io.cardlink.rest.internal;

import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.SettingDescriptor;
import io.cardlink.api.connector.TaskFieldLabel;
import io.cardlink.api.connector.TaskSettingDescriptor;
import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** The installed connector types with the settings each takes (and each takes for a scheduled task), for forms. */
@Path("/connector-types")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorTypeResource {
    private final ServiceAccess<ConnectorTypeRegistry> types;

    ConnectorTypeResource(ServiceAccess<ConnectorTypeRegistry> types) {
        this.types = types;
    }

    /**
     * A type: what it can do, the settings its connectors take, those its scheduled tasks take, and its words for the
     * remote template and folder every task has.
     */
    public record TypeJson(String id, String name, Set<Capability> capabilities, List<SettingDescriptor> settings,
            List<TaskSettingDescriptor> taskSettings, TaskFieldLabel templateField, TaskFieldLabel folderField) {
        static TypeJson of(ConnectorType type) {
            return new TypeJson(type.id(), type.displayName(), Capability.of(type), type.settings(),
                    type.taskSettings(), type.templateField(), type.folderField());
        }
    }

    @GET
    public List<TypeJson> list() {
        return types.get().installed().stream().map(TypeJson::of).toList();
    }
}
