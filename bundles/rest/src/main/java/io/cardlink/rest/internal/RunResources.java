package io.cardlink.rest.internal;

import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.Run;
import io.cardlink.api.service.RunService;
import io.cardlink.api.service.TaskRunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.ws.rs.DELETE;
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
 * Runs of scheduled tasks: thin over {@link RunService}. Each path has a root resource of its own, so that none of
 * them shadows the task resource's {@code /connectors/{cid}/scheduled-tasks/{tid}}.
 */
final class RunResources {

    private RunResources() {
    }

    /**
     * {@code POST} runs a task now (202 with the run; {@code ?confirmRemovals=true}, {@code ?dryRun=true}); {@code GET}
     * is its history.
     */
    @javax.ws.rs.Path("/connectors/{cid}/scheduled-tasks/{tid}/runs")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskRuns {
        private final ServiceAccess<RunService> runs;

        TaskRuns(ServiceAccess<RunService> runs) {
            this.runs = runs;
        }

        @POST
        public Response runNow(@PathParam("cid") String connector, @PathParam("tid") String task,
                @QueryParam("confirmRemovals") boolean confirmRemovals, @QueryParam("dryRun") boolean dryRun) {
            return Response.accepted(runs.get().runNow(connector, task, confirmRemovals, dryRun)).build();
        }

        @GET
        public List<Run> history(@PathParam("cid") String connector, @PathParam("tid") String task,
                @QueryParam("limit") @DefaultValue("50") int limit) {
            return runs.get().history(connector, task, limit);
        }
    }

    /** {@code POST} asks the task's running run to stop at its next page and drops its waiting run. */
    @javax.ws.rs.Path("/connectors/{cid}/scheduled-tasks/{tid}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskStop {
        private final ServiceAccess<RunService> runs;

        TaskStop(ServiceAccess<RunService> runs) {
            this.runs = runs;
        }

        @POST
        public Map<String, Boolean> stop(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return Map.of("stopped", runs.get().stop(connector, task));
        }
    }

    /** {@code DELETE} clears the task cache: the next run loads every card again. */
    @javax.ws.rs.Path("/connectors/{cid}/scheduled-tasks/{tid}/cache")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskCacheClear {
        private final ServiceAccess<RunService> runs;

        TaskCacheClear(ServiceAccess<RunService> runs) {
            this.runs = runs;
        }

        @DELETE
        public Map<String, Long> clear(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return Map.of("dropped", runs.get().clearCache(connector, task));
        }
    }

    /** {@code GET}: whether the task runs now, its next run and its last run, for a task list's row. */
    @javax.ws.rs.Path("/connectors/{cid}/scheduled-tasks/{tid}/state")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskState {
        private final ServiceAccess<RunService> runs;

        TaskState(ServiceAccess<RunService> runs) {
            this.runs = runs;
        }

        @GET
        public TaskRunState state(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return runs.get().state(connector, task);
        }
    }

    /** A run with its progress, its extract file, and what a dry run found. */
    @javax.ws.rs.Path("/runs/{runId}")
    public static class RunDetail {
        private final ServiceAccess<RunService> runs;

        RunDetail(ServiceAccess<RunService> runs) {
            this.runs = runs;
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Run get(@PathParam("runId") String runId) {
            return runs.get().get(runId);
        }

        @GET
        @javax.ws.rs.Path("/extract")
        @Produces(MediaType.APPLICATION_JSON)
        public Response extract(@PathParam("runId") String runId) {
            return jsonAttachment(runs.get().extractFile(runId), "run-" + runId + ".json");
        }

        @GET
        @javax.ws.rs.Path("/dry-run")
        @Produces(MediaType.APPLICATION_JSON)
        public DryRunReport dryRun(@PathParam("runId") String runId) {
            return runs.get().dryRunReport(runId);
        }

        @GET
        @javax.ws.rs.Path("/dry-run/file")
        @Produces(MediaType.APPLICATION_JSON)
        public Response dryRunFile(@PathParam("runId") String runId) {
            return jsonAttachment(runs.get().dryRunFile(runId), "dry-run-" + runId + ".json");
        }

        /** A JSON file to download, streamed as bytes: the JSON provider would otherwise write the Path itself. */
        private static Response jsonAttachment(Path file, String name) {
            StreamingOutput body = out -> Files.copy(file, out);
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .build();
        }
    }
}
