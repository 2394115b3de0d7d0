package io.cardlink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestTest {
    private RecordingServer server;
    private Rest rest;

    @BeforeEach
    void start() throws IOException {
        server = new RecordingServer();
        rest = new Rest(server.url() + "/cardlink/api/v1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void callsAsTheFirstAdministratorWithAJsonTextAsItIs() throws IOException {
        server.answer(201, "{\"id\":\"c1\"}");

        Rest.Reply reply = rest.post("/connectors", "{\"name\":\"a\"}");

        assertEquals(201, reply.status());
        assertEquals("c1", reply.json().get("id").asText());
        RecordingServer.Request request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/cardlink/api/v1/connectors", request.uri());
        assertEquals(Rest.basic(Rest.ADMIN_USER, Rest.ADMIN_PASSWORD), request.authorization());
        assertEquals("application/json", request.contentType());
        assertEquals("{\"name\":\"a\"}", request.body());
    }

    @Test
    void writesAnyOtherBodyAsJson() throws IOException {
        rest.put("/settings", Map.of("localUrl", "http://127.0.0.1:1/emulator/local"));

        assertEquals("{\"localUrl\":\"http://127.0.0.1:1/emulator/local\"}", server.requests().get(0).body());
    }

    @Test
    void sendsNoBodyAndNoContentTypeWithoutOne() throws IOException {
        rest.delete("/connectors/c1");

        RecordingServer.Request request = server.requests().get(0);
        assertEquals("DELETE", request.method());
        assertNull(request.contentType());
        assertEquals("", request.body());
    }

    @Test
    void callsAsTheAccountsItIsGiven() throws IOException {
        rest.asWorkflowEngine().get("/a");
        rest.asViewer().get("/b");
        rest.withSession("t0ken").get("/c");

        assertEquals(Rest.basic(Rest.WORKFLOW_USER, Rest.WORKFLOW_PASSWORD), server.requests().get(0).authorization());
        assertEquals(Rest.basic(Rest.VIEWER_USER, Rest.VIEWER_PASSWORD), server.requests().get(1).authorization());
        assertNull(server.requests().get(2).authorization());
        assertEquals("CARDLINK_SESSION=t0ken", server.requests().get(2).cookie());
    }

    @Test
    void expectOkNamesTheCallTheStatusAndTheBody() throws IOException {
        server.answer(422, "{\"problems\":[{\"field\":\"name\"}]}");

        Rest.Reply reply = rest.post("/connectors", "{}");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> reply.expectOk("creating the connector"));
        assertEquals("creating the connector answered 422: {\"problems\":[{\"field\":\"name\"}]}",
                refused.getMessage());
    }

    @Test
    void aCallLongerThanItsTimeoutFailsWithAnIoException() {
        server.delay(2_000);

        assertThrows(HttpTimeoutException.class, () -> rest.withTimeout(Duration.ofMillis(200)).get("/slow"));
    }

    @Test
    void aTimeoutKeepsTheAccount() throws IOException {
        rest.asViewer().withTimeout(Duration.ofSeconds(5)).get("/a");

        assertEquals(Rest.basic(Rest.VIEWER_USER, Rest.VIEWER_PASSWORD), server.requests().get(0).authorization());
    }

    @Test
    void aReplyThatIsNotJsonSaysSo() throws IOException {
        server.answer(500, "<html>oops</html>");

        AssertionError notJson = assertThrows(AssertionError.class, () -> rest.get("/x").json());
        assertTrue(notJson.getMessage().contains("status 500"), notJson.getMessage());
    }
}
