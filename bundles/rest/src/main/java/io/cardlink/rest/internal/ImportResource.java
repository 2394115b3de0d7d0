package io.cardlink.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.Validation;
import io.cardlink.api.service.ExportImportService;
import io.cardlink.api.service.ImportReport;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code POST /import?dryRun=true|false}: the import report, 200 when nothing is refused (applied, or a dry run),
 * 422 with the report when something is refused (then nothing is written). A wrong password or a changed
 * document is a 400 naming {@code password} or {@code document}.
 */
@Path("/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportResource {
    private final ServiceAccess<ExportImportService> service;

    ImportResource(ServiceAccess<ExportImportService> service) {
        this.service = service;
    }

    /** The body of POST /import; the password is never echoed. */
    public record ImportBody(String password, JsonNode document) {
        @Override
        public String toString() {
            return "ImportBody[document=" + (document == null ? "none" : "given") + "]";
        }
    }

    @POST
    public Response importDocument(@QueryParam("dryRun") boolean dryRun, ImportBody body) {
        new Validation().require("body", body).throwIfInvalid();
        new Validation().require("document", body.document()).throwIfInvalid();
        ImportReport report = service.get().importDocument(body.document().toString(), chars(body.password()),
                dryRun);
        int status = report.refused().isEmpty() ? 200 : 422;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(report).build();
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
