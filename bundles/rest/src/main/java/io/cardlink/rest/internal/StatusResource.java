package io.cardlink.rest.internal;

import io.cardlink.api.service.ComponentStatus;
import io.cardlink.api.service.EngineStatus;
import io.cardlink.api.service.StatusService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /status}: answers even when the engine is gone, and then says so. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final ServiceAccess<StatusService> status;
    private final String restVersion;

    StatusResource(ServiceAccess<StatusService> status, String restVersion) {
        this.status = status;
        this.restVersion = restVersion;
    }

    @GET
    public EngineStatus status() {
        StatusService service = status.orNull();
        if (service == null) {
            return new EngineStatus(restVersion, "engine not running", false, null,
                    List.of(new ComponentStatus("engine", ComponentStatus.DOWN, "the engine bundle is not active"),
                            new ComponentStatus("rest", ComponentStatus.UP, null)));
        }
        return service.status();
    }
}
