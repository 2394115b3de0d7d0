package io.cardlink.rest.internal;

import io.cardlink.api.Validation;
import io.cardlink.api.service.ExportImportService;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code POST /export}: the export document of the named connectors, as a download. */
@Path("/export")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExportResource {
    private final ServiceAccess<ExportImportService> service;

    ExportResource(ServiceAccess<ExportImportService> service) {
        this.service = service;
    }

    /** The body of POST /export; the password is never echoed. */
    public record ExportBody(List<String> connectors, String password) {
        @Override
        public String toString() {
            return "ExportBody[connectors=" + connectors + "]";
        }
    }

    @POST
    public Response export(ExportBody body) {
        new Validation().require("body", body).throwIfInvalid();
        String document = service.get().export(body.connectors(), chars(body.password()));
        String file = "cardlink-export-" + LocalDate.now(ZoneOffset.UTC) + ".json";
        return Response.ok(document.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
