package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.ValidationException;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.orchestration.Operation;
import io.cardlink.api.orchestration.OperationRequest;
import io.cardlink.api.orchestration.OperationStatus;
import io.cardlink.api.task.EventOperation;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

class OrchestrationBodyTest {
    private final ObjectMapper json = RestServer.objectMapper();

    @Test
    void aBodyBecomesARequestWithTheCardValuesInTheirTypes() throws Exception {
        OperationBody body = json.readValue("{\"operation\":\"Create\",\"idempotencyKey\":\"order-7\","
                + "\"workflow\":\"wf-onboarding\",\"card\":{\"efecte_id\":\"PER-1\",\"priority\":2.5,"
                + "\"tags\":[\"a\",\"b\"],\"customer\":{\"dataCardId\":\"42\"},\"status\":{\"code\":\"active\"},"
                + "\"description\":null}}", OperationBody.class);

        OperationRequest request = body.toRequest();

        assertEquals(EventOperation.CREATE, request.operation());
        assertEquals("order-7", request.idempotencyKey());
        assertEquals("wf-onboarding", request.workflow());
        assertEquals(List.of(new StringValue("PER-1")), request.card().values("efecte_id"));
        assertEquals(List.of(new NumberValue(new BigDecimal("2.5"))), request.card().values("priority"));
        assertEquals(List.of(new StringValue("a"), new StringValue("b")), request.card().values("tags"));
        assertEquals(List.of(ReferenceValue.to("42")), request.card().values("customer"));
        assertEquals(List.of(new StaticValue(null, "active")), request.card().values("status"));
        // present without values: the update clears it
        assertEquals(List.of(), request.card().attributes().get("description"));
    }

    @Test
    void aBodyMayNameTheLocalCardAndHowLongToWait() throws Exception {
        OperationRequest request = json.readValue("{\"operation\":\"update\",\"localCardId\":\"500123\","
                + "\"waitSeconds\":0}", OperationBody.class).toRequest();

        assertEquals(EventOperation.UPDATE, request.operation());
        assertEquals("500123", request.localCardId());
        assertEquals(0, request.waitSeconds());
        assertEquals(null, request.card());
    }

    @Test
    void everyMalformedFieldIsNamed() throws Exception {
        OperationBody body = json.readValue("{\"operation\":\"upsert\",\"card\":{\"efecte_id\":\"PER-1\","
                + "\"tags\":[\"a\",[1]],\"owner\":{\"id\":1}}}", OperationBody.class);

        ValidationException refused = assertThrows(ValidationException.class, body::toRequest);

        assertEquals(List.of("operation", "card.tags[1]", "card.owner"),
                refused.problems().stream().map(FieldProblem::field).toList());
        assertEquals(List.of("card"), assertThrows(ValidationException.class,
                () -> json.readValue("{\"operation\":\"delete\",\"card\":[1]}", OperationBody.class).toRequest())
                .problems().stream().map(FieldProblem::field).toList());
        assertEquals(List.of("status"), assertThrows(ValidationException.class,
                () -> OrchestrationResources.status("broken")).problems().stream().map(FieldProblem::field).toList());
        assertEquals(OperationStatus.DEAD, OrchestrationResources.status(" dead "));
    }

    @Test
    void theReplySaysWhetherTheOperationSucceededFailedOrGoesOn() {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBaseUriBuilder")) {
                        return UriBuilder.fromUri(URI.create("http://localhost/cardlink/api/v1/"));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        assertEquals(200, OrchestrationResources.reply(operation(OperationStatus.SUCCEEDED), uri).getStatus());
        assertEquals(200, OrchestrationResources.reply(operation(OperationStatus.SUPPRESSED), uri).getStatus());
        assertEquals(422, OrchestrationResources.reply(operation(OperationStatus.DEAD), uri).getStatus());
        assertEquals(202, OrchestrationResources.reply(operation(OperationStatus.HELD), uri).getStatus());
        Response failed = OrchestrationResources.reply(operation(OperationStatus.FAILED), uri);
        assertEquals(422, failed.getStatus());
        assertEquals("refused", ((Operation) failed.getEntity()).provisioningException());
        Response pending = OrchestrationResources.reply(operation(OperationStatus.PENDING), uri);
        assertEquals(202, pending.getStatus());
        assertEquals("http://localhost/cardlink/api/v1/orchestration/operations/op-1",
                pending.getLocation().toString());
    }

    private static Operation operation(OperationStatus status) {
        return new Operation("op-1", "task-1", "connector-1", EventOperation.CREATE, "K-1", null, null, null, "wf",
                status, 1, null, status == OperationStatus.SUCCEEDED ? "100" : null,
                status == OperationStatus.FAILED ? "refused" : null, null, Instant.now(), null);
    }
}
