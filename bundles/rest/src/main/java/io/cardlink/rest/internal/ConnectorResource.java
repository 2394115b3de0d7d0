package io.cardlink.rest.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import io.cardlink.api.service.InstanceSide;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/** Connector management: thin over {@link ConnectorService}, which validates and persists. */
@Path("/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectorResource {
    private final ServiceAccess<ConnectorService> connectors;
    private final ServiceAccess<ConnectorTypeRegistry> types;

    ConnectorResource(ServiceAccess<ConnectorService> connectors, ServiceAccess<ConnectorTypeRegistry> types) {
        this.connectors = connectors;
        this.types = types;
    }

    @GET
    public List<ConnectorJson> list(@QueryParam("search") String search) {
        return connectors.get().list(search).stream().map(this::json).toList();
    }

    @POST
    public Response create(ConnectorBody body, @Context UriInfo uri) {
        requireBody(body);
        ConnectorJson created = json(connectors.get().create(body.toRequest(type(body.type()))));
        URI location = uri.getAbsolutePathBuilder().path(created.id()).build();
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public ConnectorJson get(@PathParam("id") String id) {
        return json(connectors.get().get(id));
    }

    @PUT
    @Path("/{id}")
    public ConnectorJson update(@PathParam("id") String id, ConnectorBody body) {
        requireBody(body);
        String type = body.type() != null ? body.type() : connectors.get().get(id).type();
        return json(connectors.get().update(id, body.toRequest(type(type))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("confirm") boolean confirm) {
        connectors.get().delete(id, confirm);
        return Response.noContent().build();
    }

    /** Logs in to both instances; answers 200 whatever the outcome, which the body tells side by side. */
    @POST
    @Path("/{id}/test")
    public ConnectionTestJson test(@PathParam("id") String id) {
        return ConnectionTestJson.of(connectors.get().test(id));
    }

    @POST
    @Path("/{id}/copy")
    public Response copy(@PathParam("id") String id, ConnectorCopyBody body, @Context UriInfo uri) {
        if (body == null) {
            throw new ValidationException("body", "required: a JSON object with the copy's name");
        }
        ConnectorJson copy = json(connectors.get().copy(id, body.name()));
        URI location = uri.getBaseUriBuilder().path("connectors").path(copy.id()).build();
        return Response.created(location).entity(copy).build();
    }

    @GET
    @Path("/{id}/schema/{side}/templates")
    public List<TemplateInfo> templates(@PathParam("id") String id, @PathParam("side") String side) {
        return connectors.get().schemaTemplates(id, side(side));
    }

    @GET
    @Path("/{id}/schema/{side}/templates/{code}")
    public TemplateSchema template(@PathParam("id") String id, @PathParam("side") String side,
            @PathParam("code") String code) {
        return connectors.get().schemaTemplate(id, side(side), code);
    }

    private static InstanceSide side(String text) {
        return InstanceSide.parse(text).orElseThrow(() -> new NotFoundException(
                "no instance side '" + text + "': use remote or local"));
    }

    private ConnectorJson json(ConnectorView view) {
        return ConnectorJson.of(view, type(view.type()));
    }

    private java.util.Optional<ConnectorType> type(String typeId) {
        ConnectorTypeRegistry registry = types.orNull();
        return registry == null || typeId == null ? java.util.Optional.empty() : registry.find(typeId);
    }

    private static void requireBody(ConnectorBody body) {
        if (body == null) {
            throw new ValidationException("body", "required: a JSON object with name, type and settings");
        }
    }
}
