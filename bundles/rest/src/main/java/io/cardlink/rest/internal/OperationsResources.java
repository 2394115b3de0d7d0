package io.cardlink.rest.internal;

import io.cardlink.api.logs.LogFile;
import io.cardlink.api.logs.LogService;
import io.cardlink.api.retention.RetentionReport;
import io.cardlink.api.retention.RetentionService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/**
 * Operations: Cardlink's log files, one run's log lines, and the retention clean-up; thin over {@link LogService}
 * and {@link RetentionService}, admins only (a log says more than a viewer needs).
 */
final class OperationsResources {

    static final String TEXT = "text/plain; charset=UTF-8";

    private OperationsResources() {
    }

    /** The log folder's files: the list, one file, all of them as a zip. */
    @javax.ws.rs.Path("/logs")
    @Allowed({})
    public static class Logs {
        private final ServiceAccess<LogService> logs;

        Logs(ServiceAccess<LogService> logs) {
            this.logs = logs;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public List<LogFile> list() {
            return logs.get().list();
        }

        @GET
        @javax.ws.rs.Path("/all.zip")
        @Produces("application/zip")
        public Response zip() {
            LogService service = logs.get();
            StreamingOutput body = service::zip;
            return Response.ok(body, "application/zip")
                    .header("Content-Disposition", "attachment; filename=\"cardlink-logs.zip\"")
                    .build();
        }

        @GET
        @javax.ws.rs.Path("/{name}")
        @Produces(TEXT)
        public Response download(@PathParam("name") String name) {
            LogService service = logs.get();
            // checked before the answer starts, so that a bad or unknown name is a 400 or 404 with a JSON body
            LogFile file = service.find(name);
            StreamingOutput body = out -> service.copy(file.name(), out);
            return Response.ok(body, TEXT)
                    .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                    .build();
        }
    }

    /** The lines of one run, from every Cardlink log file. */
    @javax.ws.rs.Path("/runs/{runId}/log")
    @Allowed({})
    public static class RunLog {
        private final ServiceAccess<LogService> logs;

        RunLog(ServiceAccess<LogService> logs) {
            this.logs = logs;
        }

        @GET
        @Produces(TEXT)
        public Response lines(@PathParam("runId") String runId,
                @QueryParam("lines") @DefaultValue("10000") int lines) {
            List<String> found = logs.get().runLines(runId, lines);
            String text = found.isEmpty() ? "" : String.join("\n", found) + "\n";
            return Response.ok(text.getBytes(StandardCharsets.UTF_8), TEXT)
                    .header("Content-Disposition", "inline; filename=\"run-" + runId + ".log\"")
                    .build();
        }
    }

    /** Runs the retention clean-up now. */
    @javax.ws.rs.Path("/retention/run")
    @Produces(MediaType.APPLICATION_JSON)
    public static class RetentionRun {
        private final ServiceAccess<RetentionService> retention;

        RetentionRun(ServiceAccess<RetentionService> retention) {
            this.retention = retention;
        }

        @POST
        public RetentionReport run() {
            return retention.get().runNow();
        }
    }
}
