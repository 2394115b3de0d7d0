package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertService;
import io.cardlink.api.alert.AlertState;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** Alerts: the list ({@code ?state=open|resolved|all}) and acknowledging one; thin over {@link AlertService}. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    private final ServiceAccess<AlertService> alerts;

    AlertResource(ServiceAccess<AlertService> alerts) {
        this.alerts = alerts;
    }

    @GET
    public List<Alert> list(@QueryParam("state") @DefaultValue("open") String state) {
        return alerts.get().list(parse(state));
    }

    @POST
    @Path("/{id}/acknowledge")
    public Alert acknowledge(@PathParam("id") String id, @Context SecurityContext security) {
        return alerts.get().acknowledge(id, Caller.of(security).user());
    }

    /** The state asked for; null for all. */
    static AlertState parse(String state) {
        String value = state == null ? "open" : state.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "open", "" -> AlertState.OPEN;
            case "resolved" -> AlertState.RESOLVED;
            case "all" -> null;
            default -> throw new ValidationException("state", "must be open, resolved or all, not '" + state + "'");
        };
    }
}
