package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
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
 * Event tasks of a connector: thin over {@link TaskService}, which validates and saves. Saves answer
 * {@link SavedTask} (the task and its warnings); GET answers the plain task with {@code inUse}. A task that
 * workflows use is removed only with {@code ?force=true}; otherwise 409 names the workflows.
 */
@Path("/connectors/{cid}/event-tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventTaskResource {
    private final ServiceAccess<TaskService> tasks;

    EventTaskResource(ServiceAccess<TaskService> tasks) {
        this.tasks = tasks;
    }

    @GET
    public List<EventTask> list(@PathParam("cid") String connector, @QueryParam("search") String search) {
        return tasks.get().listEvent(connector, search);
    }

    @POST
    public Response create(@PathParam("cid") String connector, EventTask body, @Context UriInfo uri) {
        TaskBodies.require(body);
        SavedTask<EventTask> saved = SavedTask.of(tasks.get().createEvent(connector, body));
        URI location = uri.getAbsolutePathBuilder().path(saved.task().id()).build();
        return Response.created(location).entity(saved).build();
    }

    @GET
    @Path("/{tid}")
    public EventTask get(@PathParam("cid") String connector, @PathParam("tid") String task) {
        return tasks.get().getEvent(connector, task);
    }

    @PUT
    @Path("/{tid}")
    public SavedTask<EventTask> update(@PathParam("cid") String connector, @PathParam("tid") String task,
            EventTask body) {
        TaskBodies.require(body);
        return SavedTask.of(tasks.get().updateEvent(connector, task, body));
    }

    @DELETE
    @Path("/{tid}")
    public Response delete(@PathParam("cid") String connector, @PathParam("tid") String task,
            @QueryParam("force") boolean force) {
        tasks.get().deleteEvent(connector, task, force);
        return Response.noContent().build();
    }

    @POST
    @Path("/{tid}/copy")
    public Response copy(@PathParam("cid") String connector, @PathParam("tid") String task, TaskCopyBody body,
            @Context UriInfo uri) {
        if (body == null) {
            throw new ValidationException("body", "required: a JSON object with the copy's name");
        }
        SavedTask<EventTask> saved = SavedTask.of(tasks.get().copyEvent(connector, task, body.name()));
        URI location = uri.getBaseUriBuilder().path("connectors").path(connector).path("event-tasks")
                .path(saved.task().id()).build();
        return Response.created(location).entity(saved).build();
    }
}
