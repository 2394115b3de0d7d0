package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.cardlink.emulator.EndpointsTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Emulator responses checked against the vendor OpenAPI document, read from the system property
 * {@code cardlink.openapi} or from {@code ../../../shared/reference/efecte-openapi.json} beside the repository.
 * Skipped when neither exists (the document is reference material and is not part of the repository).
 */
class OpenApiConformanceTest {
    private static SchemaChecker checker;
    private static EmulatorServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        String configured = System.getProperty("cardlink.openapi");
        Path file = configured != null ? Path.of(configured) : Path.of("../../../shared/reference/efecte-openapi.json");
        assumeTrue(Files.isRegularFile(file), "OpenAPI document not found at " + file.toAbsolutePath()
                + "; set -Dcardlink.openapi=FILE to check the responses against it");
        checker = new SchemaChecker(Http.JSON.readTree(file.toFile()));
        server = EmulatorServer.start(EmulatorOptions.defaults());
        http = new Http(server.baseUrl("remote")).login();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void conforms(Http.Response response, String path, String method, int status) {
        assertEquals(status, response.status(), response.text());
        List<String> errors = checker.check(checker.responseSchema(path, method, status), response.json());
        assertTrue(errors.isEmpty(), method + " " + path + ": " + errors);
    }

    private static void conformsTo(String component, JsonNode value) {
        List<String> errors = checker.check(checker.component(component), value);
        assertTrue(errors.isEmpty(), component + ": " + errors);
    }

    @Test
    void theCheckerRejectsWhatTheDocumentForbids() {
        JsonNode bad = Http.JSON.valueToTree(Map.of("code", 418, "message", 5));
        assertEquals(2, checker.check(checker.component("ApiException"), bad).size());
        JsonNode card = Http.JSON.valueToTree(Map.of("dataCardId", "1", "data", Map.of()));
        assertEquals(2, checker.check(checker.component("RESTDataCard"), card).size(), "folderCode and templateCode are required");
    }

    @Test
    void readResponses() {
        conforms(new Http(server.baseUrl("remote")).form("/users/login", "login=webapi&password=webapi"), "/users/login", "post", 200);
        conforms(new Http(server.baseUrl("remote")).form("/users/login", "login=webapi&password=x"), "/users/login", "post", 401);
        conforms(http.get("/echo?message=hi"), "/echo", "get", 200);
        conforms(http.get("/echo/jwt?message=hi"), "/echo/jwt", "get", 200);
        conforms(http.get("/dc"), "/dc", "get", 200);
        conforms(http.get("/dc/incident"), "/dc/{templateCode}", "get", 200);
        conforms(http.get("/dc/incident/data?limit=20"), "/dc/{templateCode}/data", "get", 200);
        Http.Response full = http.get("/dc/incident/data?limit=200&dataCards=true");
        conforms(full, "/dc/{templateCode}/data", "get", 200);
        full.json().get("data").forEach(card -> conformsTo("RESTDataCard", card));
        conforms(http.get("/dc/person/data/stream?dataCards=true"), "/dc/{templateCode}/data/stream", "get", 200);
        conforms(new Http(server.baseUrl("remote")).get("/dc/incident/data?limit=1"), "/dc/{templateCode}/data", "get", 401);
        String id = server.instance("remote").all("incident").get(0).id();
        conforms(http.get("/dc/incident/data/" + id), "/dc/{templateCode}/data/{dataCardId}", "get", 200);
        conforms(http.get("/dc/incident/data/" + id + "/worklog"), "/dc/{templateCode}/data/{dataCardId}/{attributeCode}", "get", 200);
        conforms(http.get("/dc/incident/data/" + id + "/customer"), "/dc/{templateCode}/data/{dataCardId}/{attributeCode}", "get", 200);
    }

    @Test
    void writeResponses() {
        Http.Response created = http.json("POST", "/dc/incident/data", Map.of("folderCode", "incident_management",
                "data", Map.of("subject", values(Map.of("value", "Schema check")), "priority", values(Map.of("value", 1.5)))));
        conforms(created, "/dc/{templateCode}/data", "post", 201);
        String id = created.json().get("dataCard").get("dataCardId").asText();
        conforms(http.json("POST", "/dc/incident/data", Map.of("data", Map.of())), "/dc/{templateCode}/data", "post", 400);
        conforms(http.json("PUT", "/dc/incident/data", List.of(
                Map.of("dataCardId", id, "data", Map.of("subject", values(Map.of("value", "Bulk")))),
                Map.of("folderCode", "incident_management", "data", Map.of("status", values(Map.of("value", "x")))))),
                "/dc/{templateCode}/data", "put", 200);
        conforms(http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", id, "data", Map.of())),
                "/dc/{templateCode}/data/{dataCardId}", "patch", 200);
        String attr = "/dc/{templateCode}/data/{dataCardId}/{attributeCode}";
        conforms(http.json("PUT", "/dc/incident/data/" + id + "/tags", values(Map.of("value", "x"))), attr, "put", 200);
        conforms(http.json("POST", "/dc/incident/data/" + id + "/tags", values(Map.of("value", "y"))), attr, "post", 200);
        conforms(http.delete("/dc/incident/data/" + id + "/tags"), attr, "delete", 200);
        conforms(http.json("PUT", "/dc/incident/data/" + id + "/priority", values(Map.of("value", "x"))), attr, "put", 400);
        conforms(http.multipart("/dc/incident/data/" + id + "/attachments/file", "a.msg", new byte[] {1, 2}),
                "/dc/{templateCode}/data/{dataCardId}/{attributeCode}/file", "post", 200);
        conforms(http.delete("/dc/incident/data/" + id), "/dc/{templateCode}/data/{dataCardId}", "delete", 200);
        Http.Response again = http.delete("/dc/incident/data/" + id);
        assertEquals(409, again.status());
        conformsTo("ApiException", again.json());
    }
}
