package io.cardlink.rest.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.orchestration.EventTarget;
import io.cardlink.api.orchestration.HeldCard;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.orchestration.OrchestrationService;
import io.cardlink.api.orchestration.WorkflowReference;
import io.cardlink.api.orchestration.WorkflowReferenceService;
import io.cardlink.api.service.TaskService;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/**
 * The orchestration API the local workflow engine calls, thin over {@link OrchestrationService}, and what operators
 * do with its operations. A request answers 200 with the operation when it succeeded within the wait or was
 * suppressed as an echo, 422 with it (and its provisioning exception) when it failed or is dead, and 202 with a
 * {@code Location} to poll when it is still pending or held. Each path has a root resource of its own, so that none
 * shadows the event-task resource's {@code /connectors/{cid}/event-tasks/{tid}}.
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
        public Response submit(@PathParam("taskId") String taskId, OperationBody body, @Context UriInfo uri,
                @Context SecurityContext security) {
            return reply(orchestration.get().submit(taskId, request(body), Caller.of(security).user()), uri);
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
                @Context UriInfo uri, @Context SecurityContext security) {
            String taskId = tasks.get().getEvent(connector, task).id();
            return reply(orchestration.get().submit(taskId, request(body), Caller.of(security).user()), uri);
        }
    }

    /**
     * An event task's operations: {@code GET} them newest first, optionally of one status (such as FAILED or DEAD);
     * {@code POST replay} puts every dead one back in line; {@code POST discard?status=DEAD|HELD} gives them up.
     */
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

        @POST
        @Path("/replay")
        public Map<String, Integer> replayDead(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return Map.of("replayed", orchestration.get().replayDead(tasks.get().getEvent(connector, task).id()));
        }

        @POST
        @Path("/discard")
        public Map<String, Integer> discardAll(@PathParam("cid") String connector, @PathParam("tid") String task,
                @QueryParam("status") @DefaultValue("DEAD") String status, @Context SecurityContext security) {
            OperationStatus wanted = status(status);
            return Map.of("discarded", orchestration.get().discardAll(tasks.get().getEvent(connector, task).id(),
                    wanted, Caller.of(security).user()));
        }
    }

    /**
     * {@code GET} one operation: where a 202's {@code Location} points. The workflow engine reads only the operations
     * it submitted: another's is not found, as if it did not exist.
     */
    @Path("/orchestration/operations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.VIEWER, Role.WORKFLOW})
    public static class OperationDetail {
        private final ServiceAccess<OrchestrationService> orchestration;

        OperationDetail(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @GET
        public Operation get(@PathParam("id") String id, @Context SecurityContext security) {
            Operation operation = orchestration.get().get(id);
            Caller caller = Caller.of(security);
            if (!caller.has(Role.ADMIN) && !caller.has(Role.VIEWER)
                    && !Objects.equals(caller.user(), operation.submittedBy())) {
                throw new NotFoundException("no operation with id '" + id + "'");
            }
            return operation;
        }
    }

    /** {@code POST} to put a dead operation back in line, at its place among its card's operations. */
    @Path("/orchestration/operations/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public static class OperationReplay {
        private final ServiceAccess<OrchestrationService> orchestration;

        OperationReplay(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @POST
        public Operation replay(@PathParam("id") String id) {
            return orchestration.get().replay(id);
        }
    }

    /** {@code POST} to give up a dead or held operation. */
    @Path("/orchestration/operations/{id}/discard")
    @Produces(MediaType.APPLICATION_JSON)
    public static class OperationDiscard {
        private final ServiceAccess<OrchestrationService> orchestration;

        OperationDiscard(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @POST
        public Operation discard(@PathParam("id") String id, @Context SecurityContext security) {
            return orchestration.get().discard(id, Caller.of(security).user());
        }
    }

    /** {@code GET} the event tasks a workflow on a local template can use, across connectors (the "Target" list). */
    @Path("/orchestration/targets")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.VIEWER, Role.WORKFLOW})
    public static class Targets {
        private final ServiceAccess<OrchestrationService> orchestration;

        Targets(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @GET
        public List<EventTarget> list(@QueryParam("localTemplate") String localTemplate) {
            return orchestration.get().targets(localTemplate);
        }
    }

    /** {@code GET} every card the loop guard holds, of every event task. */
    @Path("/orchestration/held-cards")
    @Produces(MediaType.APPLICATION_JSON)
    public static class AllHeldCards {
        private final ServiceAccess<OrchestrationService> orchestration;

        AllHeldCards(ServiceAccess<OrchestrationService> orchestration) {
            this.orchestration = orchestration;
        }

        @GET
        public List<HeldCard> list() {
            return orchestration.get().heldCards(null);
        }
    }

    /** {@code GET} the cards of an event task the loop guard holds; {@code POST {key}/release} releases one. */
    @Path("/connectors/{cid}/event-tasks/{tid}/held-cards")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskHeldCards {
        private final ServiceAccess<TaskService> tasks;
        private final ServiceAccess<OrchestrationService> orchestration;

        TaskHeldCards(ServiceAccess<TaskService> tasks, ServiceAccess<OrchestrationService> orchestration) {
            this.tasks = tasks;
            this.orchestration = orchestration;
        }

        @GET
        public List<HeldCard> list(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return orchestration.get().heldCards(tasks.get().getEvent(connector, task).id());
        }

        @POST
        @Path("/{key}/release")
        public Map<String, Object> release(@PathParam("cid") String connector, @PathParam("tid") String task,
                @PathParam("key") String key, @Context SecurityContext security) {
            int released = orchestration.get().release(tasks.get().getEvent(connector, task).id(), key,
                    Caller.of(security).user());
            return Map.of("cardKey", key, "released", released);
        }
    }

    /** {@code GET} the workflows that use an event task ("show workflow references"). */
    @Path("/connectors/{cid}/event-tasks/{tid}/workflow-references")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskWorkflowReferences {
        private final ServiceAccess<WorkflowReferenceService> references;

        TaskWorkflowReferences(ServiceAccess<WorkflowReferenceService> references) {
            this.references = references;
        }

        @GET
        public List<WorkflowReference> list(@PathParam("cid") String connector, @PathParam("tid") String task) {
            return references.get().forTask(connector, task);
        }
    }

    /** {@code GET} the workflows that use the event tasks of a connector. */
    @Path("/connectors/{cid}/workflow-references")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ConnectorWorkflowReferences {
        private final ServiceAccess<WorkflowReferenceService> references;

        ConnectorWorkflowReferences(ServiceAccess<WorkflowReferenceService> references) {
            this.references = references;
        }

        @GET
        public List<WorkflowReference> list(@PathParam("cid") String connector) {
            return references.get().forConnector(connector);
        }
    }

    static OperationRequest request(OperationBody body) {
        if (body == null) {
            throw new ValidationException("body", "required: {\"operation\", \"card\" or \"localCardId\"} and"
                    + " optionally \"idempotencyKey\", \"workflow\" and \"waitSeconds\"");
        }
        return body.toRequest();
    }

    static Response reply(Operation operation, UriInfo uri) {
        return switch (operation.status()) {
            case SUCCEEDED, SUPPRESSED -> Response.ok(operation).build();
            case FAILED, DEAD, DISCARDED -> Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(operation).build();
            case PENDING, RUNNING, HELD -> {
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
            throw new ValidationException("status", "must be one of " + Arrays.stream(OperationStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
