package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.ScheduledTask;
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

/**
 * Scheduled tasks of a connector: thin over {@link TaskService}, which validates, saves and schedules. Saves answer
 * {@link SavedTask} (the task and its warnings); GET answers the plain task.
 */
@Path("/connectors/{cid}/scheduled-tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduledTaskResource {
    private final ServiceAccess<TaskService> tasks;

    ScheduledTaskResource(ServiceAccess<TaskService> tasks) {
        this.tasks = tasks;
    }

    @GET
    public List<ScheduledTaskListEntry> list(@PathParam("cid") String connector,
            @QueryParam("search") String search) {
        return tasks.get().listScheduledRows(connector, search).stream().map(ScheduledTaskListEntry::of).toList();
    }

    @POST
    public Response create(@PathParam("cid") String connector, ScheduledTask body, @Context UriInfo uri) {
        TaskBodies.require(body);
        SavedTask<ScheduledTask> saved = SavedTask.of(tasks.get().createScheduled(connector, body));
        URI location = uri.getAbsolutePathBuilder().path(saved.task().id()).build();
        return Response.created(location).entity(saved).build();
    }

    @GET
    @Path("/{tid}")
    public ScheduledTask get(@PathParam("cid") String connector, @PathParam("tid") String task) {
        return tasks.get().getScheduled(connector, task);
    }

    @PUT
    @Path("/{tid}")
    public SavedTask<ScheduledTask> update(@PathParam("cid") String connector, @PathParam("tid") String task,
            ScheduledTask body) {
        TaskBodies.require(body);
        return SavedTask.of(tasks.get().updateScheduled(connector, task, body));
    }

    @DELETE
    @Path("/{tid}")
    public Response delete(@PathParam("cid") String connector, @PathParam("tid") String task) {
        tasks.get().deleteScheduled(connector, task);
        return Response.noContent().build();
    }

    @POST
    @Path("/{tid}/copy")
    public Response copy(@PathParam("cid") String connector, @PathParam("tid") String task, TaskCopyBody body,
            @Context UriInfo uri) {
        if (body == null) {
            throw new ValidationException("body", "required: a JSON object with the copy's name");
        }
        SavedTask<ScheduledTask> saved = SavedTask.of(tasks.get().copyScheduled(connector, task, body.name()));
        URI location = uri.getBaseUriBuilder().path("connectors").path(connector).path("scheduled-tasks")
                .path(saved.task().id()).build();
        return Response.created(location).entity(saved).build();
    }
}
