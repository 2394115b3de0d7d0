package io.cardlink.rest.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.service.TaskService;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * The orchestration API the local workflow engine calls, thin over {@link OrchestrationService}. A request answers
 * 200 with the operation when it succeeded within the wait, 422 with it (and its provisioning exception) when it
 * failed, and 202 with a {@code Location} to poll when it is still pending. Each path has a root resource of its own,
 * so that none shadows the event-task resource's {@code /connectors/{cid}/event-tasks/{tid}}.
 */
final class OrchestrationResources {

    private OrchestrationResources() {
    }

    /** {@code POST} an operation for an event task, by its id. */
    @Path("/orchestration/event-tasks/{taskId}/datacards")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.WORKFLOW)
    public static class TaskCards {
        private final ServiceAccess<OrchestrationService> orchestration;

        TaskCards(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @POST
        public Response submit(@PathParam("taskId") String taskId, OperationBody body, @Context UriInfo uri) {
            return reply(orchestration.get().submit(taskId, request(body)), uri);
        }
    }

    /** {@code POST} an operation for an event task named by connector and task (ids or names). */
    @Path("/connectors/{cid}/event-tasks/{tid}/datacards")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.WORKFLOW)
    public static class ConnectorTaskCards {
        private final ServiceAccess<TaskService> tasks;
        private final ServiceAccess<OrchestrationService> orchestration;

        ConnectorTaskCards(ServiceAccess<TaskService> tasks, ServiceAccess<OrchestrationService> orchestration) {
            this.tasks = tasks;
            this.orchestration = orchestration;
        }

        @POST
        public Response submit(@PathParam("cid") String connector, @PathParam("tid") String task, OperationBody body,
                @Context UriInfo uri) {
            String taskId = tasks.get().getEvent(connector, task).id();
            return reply(orchestration.get().submit(taskId, request(body)), uri);
        }
    }

    /** {@code GET} an event task's operations, newest first, optionally of one status (such as FAILED). */
    @Path("/connectors/{cid}/event-tasks/{tid}/operations")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskOperations {
        private final ServiceAccess<TaskService> tasks;
        private final ServiceAccess<OrchestrationService> orchestration;

        TaskOperations(ServiceAccess<TaskService> tasks, ServiceAccess<OrchestrationService> orchestration) {
            this.tasks = tasks;
            this.orchestration = orchestration;
        }

        @GET
        public List<Operation> list(@PathParam("cid") String connector, @PathParam("tid") String task,
                @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
            OperationStatus wanted = status(status);
            String taskId = tasks.get().getEvent(connector, task).id();
            return orchestration.get().list(taskId, wanted, limit);
        }
    }

    /** {@code GET} one operation: where a 202's {@code Location} points. */
    @Path("/orchestration/operations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.VIEWER, Role.WORKFLOW})
    public static class OperationDetail {
        private final ServiceAccess<OrchestrationService> orchestration;

        OperationDetail(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @GET
        public Operation get(@PathParam("id") String id) {
            return orchestration.get().get(id);
        }
    }

    static OperationRequest request(OperationBody body) {
        if (body == null) {
            throw new ValidationException("body", "required: {\"operation\", \"card\"} and optionally"
                    + " \"idempotencyKey\" and \"workflow\"");
        }
        return body.toRequest();
    }

    static Response reply(Operation operation, UriInfo uri) {
        return switch (operation.status()) {
            case SUCCEEDED -> Response.ok(operation).build();
            case FAILED -> Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(operation).build();
            default -> {
                URI location = uri.getBaseUriBuilder().path("orchestration").path("operations")
                        .path(operation.id()).build();
                yield Response.accepted(operation).location(location).build();
            }
        };
    }

    static OperationStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OperationStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be one of PENDING, RUNNING, SUCCEEDED, FAILED");
        }
    }
}
