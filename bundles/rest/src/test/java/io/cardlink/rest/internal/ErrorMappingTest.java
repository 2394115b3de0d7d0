package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.ConflictException;
import io.cardlink.api.FieldProblem;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.ConnectorStatus;
import io.cardlink.api.service.ConnectorView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
    private final ObjectMapper json = RestServer.objectMapper();

    private ErrorBody body(Response response) {
        return (ErrorBody) response.getEntity();
    }

    @Test
    void typedFailuresBecomeTheirStatus() {
        CardlinkExceptionMapper mapper = new CardlinkExceptionMapper();
        Response invalid = mapper.toResponse(new ValidationException(List.of(FieldProblem.required("name"),
                new FieldProblem("settings.remoteUrl", "must be an http or https URL"))));
        assertEquals(400, invalid.getStatus());
        assertEquals(List.of("name", "settings.remoteUrl"), body(invalid).fields().stream().map(FieldProblem::field).toList());
        assertEquals("Bad Request", body(invalid).error());
        assertEquals(404, mapper.toResponse(new NotFoundException("no such connector")).getStatus());
        assertEquals(409, mapper.toResponse(new ConflictException("taken")).getStatus());
        Response unavailable = mapper.toResponse(new UnavailableException("storage is stopped"));
        assertEquals(503, unavailable.getStatus());
        assertEquals("5", unavailable.getHeaderString("Retry-After"));
    }

    @Test
    void unreadableJsonNamesTheFieldOrThePosition() {
        Exception unknownField = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"name\":\"x\",\"colour\":1}", ConnectorBody.class));
        Response unknown = JsonErrorMapper.badJson((com.fasterxml.jackson.core.JsonProcessingException) unknownField);
        assertEquals(400, unknown.getStatus());
        assertEquals(new FieldProblem("colour", "unknown field"), body(unknown).fields().get(0));

        Exception wrongShape = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"settings\":[1]}", ConnectorBody.class));
        Response shape = JsonErrorMapper.badJson((com.fasterxml.jackson.core.JsonProcessingException) wrongShape);
        assertEquals("settings", body(shape).fields().get(0).field());
        assertEquals("expected an object", body(shape).fields().get(0).problem());

        Exception broken = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> json.readValue("{\"name\": ", ConnectorBody.class));
        Response syntax = JsonErrorMapper.badJson((com.fasterxml.jackson.core.JsonProcessingException) broken);
        assertEquals("body", body(syntax).fields().get(0).field());
        assertTrue(body(syntax).message().contains("line 1"));
    }

    @Test
    void frameworkRefusalsAreJsonWithoutInternals() {
        Response response = new WebApplicationExceptionMapper().toResponse(new NotAllowedException("GET"));
        assertEquals(405, response.getStatus());
        assertEquals("method not allowed on this resource", body(response).message());
        Response unexpected = new UnexpectedExceptionMapper().toResponse(new IllegalStateException("secret internals"));
        assertEquals(500, unexpected.getStatus());
        assertFalse(body(unexpected).message().contains("secret internals"));
        assertTrue(body(unexpected).message().contains("incident"));
    }

    @Test
    void aConnectorShowsOnlyWhetherItsSecretsAreSet() throws Exception {
        ConnectorView view = new ConnectorView("id-1", "HR", "coreproiga", null, Map.of("remoteUser", "webapi"),
                Set.of("remotePassword"), ConnectorStatus.NEVER_RUN, 1, 0, Instant.EPOCH, Instant.EPOCH);
        String text = json.writeValueAsString(ConnectorJson.of(view, Optional.empty()));
        assertTrue(text.contains("\"remotePasswordSet\":true"), text);
        assertTrue(text.contains("\"createdAt\":\"1970-01-01T00:00:00Z\""), text);
        assertFalse(text.contains("\"remotePassword\":"), text);
    }
}
