package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.0 description of this API ({@link OpenApiDocument}), readable by every
 * Cardlink role, so that a workflow engine's or a script's developer can read it with the credentials they have.
 */
@Path("/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
@Allowed({Role.VIEWER, Role.WORKFLOW})
public class OpenApiResource {
    private final Map<Role, String> roleNames;
    private final String version;
    /** Built at the first request: the resources don't change while the bundle runs. */
    private volatile ObjectNode document;

    OpenApiResource(Map<Role, String> roleNames, String version) {
        this.roleNames = Map.copyOf(roleNames);
        this.version = version;
    }

    @GET
    public ObjectNode document(@Context UriInfo uri) {
        ObjectNode built = document;
        if (built == null) {
            built = new OpenApiDocument(RestServer.RESOURCES, roleNames, version, RestServer.objectMapper()).build();
            document = built;
        }
        // the API's address as this caller reached it, without host: right behind a proxy too
        String base = uri.getBaseUri().getPath().replaceAll("/+$", "");
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        built.fields().forEachRemaining(field -> {
            answer.set(field.getKey(), field.getValue());
            if ("info".equals(field.getKey())) {
                answer.putArray("servers").addObject().put("url", base.isEmpty() ? "/" : base);
            }
        });
        return answer;
    }
}
