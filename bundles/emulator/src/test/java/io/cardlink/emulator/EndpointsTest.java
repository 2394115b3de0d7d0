package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.card.DataCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint of the reference's §3 over real HTTP against the demo fixture. */
class EndpointsTest {
    private static EmulatorServer server;
    private Http http;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults().withUploadLimit(1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void login() {
        server.instance("remote").reset();
        server.instance("local").reset();
        http = new Http(server.baseUrl("remote")).login();
    }

    static void assertApiException(Http.Response r, int status) {
        assertEquals(status, r.status(), r.text());
        assertEquals(status, r.json().get("code").asInt());
        assertTrue(r.json().get("message").isTextual());
        assertTrue(r.json().get("error").isTextual());
        assertTrue(r.json().get("url").asText().startsWith("http://127.0.0.1:"));
        assertTrue(r.json().get("timestamp").asText().endsWith("Z"));
    }

    @Test
    void baseUrlNamesTheInstanceAndTheApiPath() {
        assertEquals("http://127.0.0.1:" + server.port() + "/emulator/remote/rest-api/itsm/v1", server.baseUrl("remote"));
    }

    @Test
    void loginReturnsASignedJwtInHeaderAndBody() throws Exception {
        Http.Response r = new Http(server.baseUrl("remote")).form("/users/login", "login=webapi&password=webapi");
        assertEquals(200, r.status());
        String header = r.header("Authorization");
        assertTrue(header.startsWith("Bearer "));
        assertEquals(header, r.json().get("token").asText());
        assertEquals(200, r.json().get("code").asInt());
        String[] parts = header.substring(7).split("\\.");
        assertEquals(3, parts.length);
        JsonNode head = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("HS256", head.get("alg").asText());
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("webapi", claims.get("sub").asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void wrongPasswordIs401() {
        assertApiException(new Http(server.baseUrl("remote")).form("/users/login", "login=webapi&password=nope"), 401);
    }

    @Test
    void missingBadOrForeignTokenIs401() {
        Http anonymous = new Http(server.baseUrl("remote"));
        assertApiException(anonymous.get("/dc"), 401);
        assertApiException(anonymous.withToken("Bearer abc.def.ghi").get("/dc"), 401);
        String localToken = new Http(server.baseUrl("local")).login().token();
        assertApiException(anonymous.withToken(localToken).get("/dc"), 401);
        String tampered = http.token().substring(0, http.token().length() - 3) + "AAA";
        assertApiException(anonymous.withToken(tampered).get("/echo/jwt"), 401);
    }

    @Test
    void echoNeedsNoTokenAndEchoJwtDoes() {
        Http anonymous = new Http(server.baseUrl("remote"));
        Http.Response echo = anonymous.get("/echo?message=hello");
        assertEquals(200, echo.status());
        assertEquals("hello", echo.json().get("message").asText());
        assertEquals(401, anonymous.get("/echo/jwt?message=x").status());
        assertEquals("x", http.get("/echo/jwt?message=x").json().get("message").asText());
    }

    @Test
    void templateListAndTemplateInfo() {
        Http.Response list = http.get("/dc");
        assertEquals(200, list.status());
        Set<String> codes = new HashSet<>();
        list.json().forEach(t -> codes.add(t.get("templateCode").asText()));
        assertEquals(Set.of("person", "incident"), codes);
        assertEquals("/dc/incident", list.json().get(1).get("url").asText());

        JsonNode info = http.get("/dc/incident").json();
        assertEquals("incident", info.get("code").asText());
        assertEquals("incident_management", info.get("allowedFolders").get(0).get("folderCode").asText());
        JsonNode attrs = info.get("attributes");
        assertEquals("static-value", attrs.get("status").get("type").asText());
        assertEquals("99 - Removed", attrs.get("status").get("values").get(4).get("value").asText());
        assertEquals("person", attrs.get("customer").get("target").get(0).asText());
        assertTrue(attrs.get("tags").get("multiValue").asBoolean());
        assertTrue(attrs.get("attachments").get("file").asBoolean());
        assertEquals("date", attrs.get("updated").get("type").asText());
        assertEquals("string", attrs.get("efecte_id").get("type").asText());
        assertApiException(http.get("/dc/nope"), 404);
    }

    @Test
    void listPagesByDescendingIdAndFollowsNextLinks() {
        int total = server.instance("remote").count("incident");
        List<Long> ids = new ArrayList<>();
        String next = "/dc/incident/data?limit=200&filter=" + Http.enc("$priority$ >= 1");
        int pages = 0;
        while (next != null) {
            Http.Response r = http.get(next);
            assertEquals(200, r.status(), r.text());
            JsonNode meta = r.json().get("meta");
            assertEquals(r.json().get("data").size(), meta.get("count").asInt());
            assertEquals(200, meta.get("limit").asInt());
            r.json().get("data").forEach(c -> ids.add(Long.parseLong(c.get("dataCardId").asText())));
            next = meta.get("links").has("next") ? meta.get("links").get("next").asText() : null;
            if (next != null) {
                assertTrue(next.startsWith(server.baseUrl("remote") + "/dc/incident/data?limit=200&filter="));
                assertTrue(next.endsWith("&filterId=" + ids.get(ids.size() - 1)));
            }
            pages++;
        }
        assertEquals(2, pages);
        assertEquals(total, ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "descending ids");
        }
        JsonNode first = http.get("/dc/incident/data?limit=1").json().get("data").get(0);
        assertEquals("/dc/incident/data/" + first.get("dataCardId").asText(), first.get("url").asText());
        assertTrue(first.get("name").isTextual());
    }

    @Test
    void listAppliesTheDocumentedDefaults() {
        JsonNode page = http.get("/dc/incident/data").json();
        assertEquals(50, page.get("data").size(), "limit defaults to 50");
        assertEquals(50, page.get("meta").get("count").asInt());
        String next = page.get("meta").get("links").get("next").asText();
        assertTrue(next.endsWith("/dc/incident/data?filterId=" + page.get("data").get(49).get("dataCardId").asText()),
                next);
        assertEquals(50, http.get("/dc/incident/data?limit=&filterId=").json().get("data").size(), "empty = absent");
        assertEquals(0, http.get("/dc/incident/data?limit=5&filterId=-1").json().get("data").size(),
                "no id is lower than a negative filterId");
    }

    @Test
    void listChecksLimitAndFilterId() {
        assertApiException(http.get("/dc/incident/data?limit=0"), 400);
        assertApiException(http.get("/dc/incident/data?limit=201"), 400);
        assertApiException(http.get("/dc/incident/data?limit=abc"), 400);
        assertApiException(http.get("/dc/incident/data?limit=5&filterId=x"), 400);
        assertApiException(http.get("/dc/incident/data?limit=5&dataCards=maybe"), 400);
        assertApiException(http.get("/dc/unknown/data?limit=5"), 404);
    }

    @Test
    void listWithDataCardsAndSelectedAttributes() {
        JsonNode card = http.get("/dc/incident/data?limit=1&dataCards=true&selectedAttributes=" + Http.enc(" subject , status"))
                .json().get("data").get(0);
        assertEquals("incident", card.get("templateCode").asText());
        assertEquals("incident_management", card.get("folderCode").asText());
        assertEquals(Set.of("subject", "status"), fieldNames(card.get("data")));
        assertEquals("string", card.get("data").get("subject").get("type").asText());
        // a name the template lacks is left out rather than refused
        assertEquals(Set.of("subject"), fieldNames(http.get("/dc/incident/data?limit=1&dataCards=true"
                + "&selectedAttributes=" + Http.enc("subject,nope")).json().get("data").get(0).get("data")));
        assertEquals(Set.of(), fieldNames(http.get("/dc/incident/data?limit=1&dataCards=true&selectedAttributes=nope")
                .json().get("data").get(0).get("data")));
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void emptyListIs200ByDefaultAnd404InTheTestMode() {
        Http.Response empty = http.get("/dc/incident/data?limit=10&filter=" + Http.enc("$subject$ = 'no such thing'"));
        assertEquals(200, empty.status());
        assertEquals(0, empty.json().get("data").size());
        assertEquals(0, empty.json().get("meta").get("count").asInt());
        assertFalse(empty.json().get("meta").get("links").has("next"));
        server.instance("remote").faults().emptyListAs404(true);
        assertApiException(http.get("/dc/incident/data?limit=10&filter=" + Http.enc("$subject$ = 'no such thing'")), 404);
    }

    @Test
    void createReadPatchAndDeleteACard() {
        String customer = server.instance("remote").all("person").get(0).id();
        Map<String, Object> body = Map.of("folderCode", "incident_management", "data", Map.of(
                "subject", values(Map.of("value", "Mouse is not working.")),
                "status", values(Map.of("value", "01 - New", "code", "new")),
                "priority", values(Map.of("value", 3)),
                "due_date", values(Map.of("value", "2025-03-01")),
                "assigned_at", values(Map.of("value", "2025-03-01T10:15:30+02:00")),
                "customer", values(Map.of("dataCardId", customer)),
                "tags", Map.of("values", List.of(Map.of("value", "a"), Map.of("value", "b"))),
                "worklog", values(Map.of("value", "first"))));
        Http.Response created = http.json("POST", "/dc/incident/data", body);
        assertEquals(201, created.status(), created.text());
        String id = created.json().get("dataCard").get("dataCardId").asText();
        assertNotNull(created.json().get("meta").get("timestamp"));

        JsonNode card = http.get("/dc/incident/data/" + id).json();
        JsonNode data = card.get("data");
        assertEquals("Mouse is not working.", card.get("name").asText());
        assertFalse(card.get("deleted").asBoolean());
        assertEquals(3, data.get("priority").get("values").get(0).get("value").asInt());
        assertEquals("2025-03-01", data.get("due_date").get("values").get(0).get("value").asText());
        assertEquals("2025-03-01T08:15:30Z", data.get("assigned_at").get("values").get(0).get("value").asText());
        assertEquals(customer, data.get("customer").get("values").get(0).get("dataCardId").asText());
        assertEquals("person", data.get("customer").get("values").get(0).get("templateCode").asText());
        assertEquals("Web API", data.get("worklog").get("values").get(0).get("author").asText());
        assertTrue(data.get("efecte_id").get("values").get(0).asText().isEmpty());
        assertTrue(data.get("efecte_id").get("values").get(0).get("value").asText().matches("INC-\\d{6}"));
        assertEquals(0, data.get("description").get("values").size(), "empty attributes are listed with []");
        String updatedBefore = data.get("updated").get("values").get(0).get("value").asText();

        Http.Response patched = http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", id, "data", Map.of(
                "tags", Map.of("values", List.of()),
                "worklog", values(Map.of("value", "second")))));
        assertEquals(200, patched.status(), patched.text());
        JsonNode after = http.get("/dc/incident/data/" + id + "?selectedAttributes=tags,worklog,updated,subject").json().get("data");
        assertEquals(0, after.get("tags").get("values").size());
        assertEquals("second", after.get("worklog").get("values").get(0).get("value").asText());
        assertEquals("first", after.get("worklog").get("values").get(1).get("value").asText());
        assertEquals("Mouse is not working.", after.get("subject").get("values").get(0).get("value").asText());
        assertTrue(Instant.parse(after.get("updated").get("values").get(0).get("value").asText())
                .isAfter(Instant.parse(updatedBefore)));

        assertEquals(200, http.delete("/dc/incident/data/" + id).status());
        assertApiException(http.delete("/dc/incident/data/" + id), 409);
        JsonNode deleted = http.get("/dc/incident/data/" + id).json();
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals(0, http.get("/dc/incident/data?limit=50&filter=" + Http.enc("entity.id = " + id)).json().get("data").size());
        assertEquals(1, http.get("/dc/incident/data?limit=50&filter=" + Http.enc("entity.id = " + id + " and entity.deleted = 1"))
                .json().get("data").size());
        assertApiException(http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", id, "data", Map.of())), 409);
    }

    @Test
    void keyLookUpsSeeEveryWriteAfterTheFirstLookUp() {
        String lookUp = "/dc/incident/data?limit=50&dataCards=true&selectedAttributes=subject&filter=";
        // The first look-up by $subject$ indexes the attribute; later writes must keep that index current.
        assertEquals(0, http.get(lookUp + Http.enc("$subject$ = 'Key A' OR $subject$ = 'Key B'")).json().get("data").size());
        Map<String, Object> body = Map.of("folderCode", "incident_management", "data", Map.of(
                "subject", values(Map.of("value", "Key A")),
                "status", values(Map.of("value", "01 - New", "code", "new"))));
        Http.Response created = http.json("POST", "/dc/incident/data", body);
        assertEquals(201, created.status(), created.text());
        String id = created.json().get("dataCard").get("dataCardId").asText();
        assertEquals(id, http.get(lookUp + Http.enc("$subject$ IN ('Key A', 'Key B')")).json().get("data").get(0)
                .get("dataCardId").asText());

        http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", id, "data", Map.of(
                "subject", values(Map.of("value", "Key B")))));
        assertEquals(0, http.get(lookUp + Http.enc("$subject$ = 'Key A'")).json().get("data").size(),
                "the old value no longer finds the card");
        assertEquals(1, http.get(lookUp + Http.enc("$subject$ = 'Key A' OR $subject$ = 'Key B'")).json().get("data").size());
        assertEquals(0, http.get(lookUp + Http.enc("$subject$ = 'Key B' AND $priority$ >= 99")).json().get("data").size(),
                "the rest of the filter still applies");

        http.delete("/dc/incident/data/" + id);
        assertEquals(0, http.get(lookUp + Http.enc("$subject$ = 'Key B'")).json().get("data").size());
        assertEquals(1, http.get(lookUp + Http.enc("$subject$ = 'Key B' AND entity.deleted = 1")).json().get("data").size());
    }

    static Map<String, Object> values(Map<String, Object> value) {
        return Map.of("values", List.of(value));
    }

    @Test
    void patchChecksTheBodyIdAndMovesFolders() {
        String id = server.instance("remote").all("incident").get(0).id();
        assertApiException(http.json("PATCH", "/dc/incident/data/" + id, Map.of("data", Map.of())), 400);
        assertApiException(http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", "1", "data", Map.of())), 400);
        assertApiException(http.json("PATCH", "/dc/incident/data/" + id,
                Map.of("dataCardId", id, "folderCode", "persons", "data", Map.of())), 400);
        assertApiException(http.json("PATCH", "/dc/incident/data/999999999",
                Map.of("dataCardId", "999999999", "data", Map.of())), 404);
        assertApiException(http.json("PATCH", "/dc/incident/data/" + id, "{not json"), 400);
        assertEquals(200, http.json("PATCH", "/dc/incident/data/" + id,
                Map.of("dataCardId", id, "folderCode", "incident_management", "data", Map.of())).status());
    }

    @Test
    void bulkPutMixesCreatesAndModifiesWithPerItemErrors() {
        String existing = server.instance("remote").all("person").get(0).id();
        List<Object> items = List.of(
                Map.of("folderCode", "persons", "data", Map.of("first_name", values(Map.of("value", "New")),
                        "last_name", values(Map.of("value", "Person")))),
                Map.of("dataCardId", existing, "data", Map.of("email", values(Map.of("value", "changed@example.com")))),
                Map.of("folderCode", "persons", "data", Map.of("department", values(Map.of("value", "Nope")))),
                Map.of("dataCardId", "999999999", "data", Map.of()));
        Http.Response r = http.json("PUT", "/dc/person/data", items);
        assertEquals(200, r.status(), r.text());
        JsonNode result = r.json().get("meta").get("importResult");
        assertEquals(4, result.get("handledDataCards").asInt());
        assertEquals(2, result.get("savedDataCards").asInt());
        assertEquals(2, result.get("notSavedDataCards").asInt());
        JsonNode data = r.json().get("data");
        assertEquals("New Person", data.get(0).get("dataCard").get("name").asText());
        assertEquals(0, data.get(0).get("errors").size());
        assertEquals(existing, data.get(1).get("dataCard").get("dataCardId").asText());
        JsonNode error = data.get(2).get("errors").get(0);
        assertEquals("department", error.get("attributeCode").asText());
        assertEquals("static-value", error.get("attributeType").asText());
        assertEquals("Bad Request", error.get("error").asText());
        assertTrue(error.get("message").asText().contains("Nope"));
        assertEquals("Not Found", data.get(3).get("errors").get(0).get("error").asText());
        assertEquals("changed@example.com", server.instance("remote").find(existing).orElseThrow().text("email"));
        assertApiException(http.json("PUT", "/dc/person/data", Map.of("a", 1)), 400);
    }

    @Test
    void attributeEndpointsReadReplaceAddAndClear() {
        String id = server.instance("remote").all("incident").get(0).id();
        String path = "/dc/incident/data/" + id;
        assertEquals(200, http.json("PUT", path + "/tags", values(Map.of("value", "one"))).status());
        assertEquals(200, http.json("POST", path + "/tags", values(Map.of("value", "two"))).status());
        JsonNode tags = http.get(path + "/tags").json();
        assertEquals("Tags", tags.get("name").asText());
        assertEquals("string", tags.get("type").asText());
        assertEquals(List.of("one", "two"), texts(tags.get("values")));

        assertEquals(200, http.json("PUT", path + "/subject", values(Map.of("value", "Replaced"))).status());
        assertApiException(http.json("POST", path + "/subject", values(Map.of("value", "Second"))), 400);
        assertEquals("Replaced", server.instance("remote").find(id).orElseThrow().name());

        assertEquals(200, http.delete(path + "/tags").status());
        assertEquals(0, http.get(path + "/tags").json().get("values").size());
        assertApiException(http.get(path + "/nope"), 404);
        assertApiException(http.json("PUT", path + "/created", values(Map.of("value", "2024-01-01"))), 400);
        assertApiException(http.get("/dc/incident/data/999999999/subject"), 404);
    }

    static List<String> texts(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.get("value").asText()));
        return out;
    }

    @Test
    void fileUploadAndDownload() {
        String id = server.instance("remote").all("incident").get(0).id();
        String path = "/dc/incident/data/" + id + "/attachments/file";
        byte[] content = "From: someone\r\n\r\nhello".getBytes(StandardCharsets.UTF_8);
        Http.Response up = http.multipart(path, "mail.msg", content);
        assertEquals(200, up.status(), up.text());
        DataCard card = server.instance("remote").find(id).orElseThrow();
        var value = (io.cardlink.api.card.ExternalReferenceValue) card.values("attachments")
                .get(card.values("attachments").size() - 1);
        assertEquals("mail.msg", value.name());
        Http.Response down = http.get(path + "/" + value.location());
        assertEquals(200, down.status());
        assertEquals("application/octet-stream", down.header("Content-Type"));
        assertEquals("From: someone\r\n\r\nhello", down.text());
        assertApiException(http.get(path + "/unknown-location"), 404);
        assertApiException(http.multipart(path, "big.msg", new byte[2048]), 413);
        assertApiException(http.multipart("/dc/incident/data/" + id + "/subject/file", "x.msg", content), 400);
    }

    @Test
    void unknownPathsAndMethodsAreApiExceptions() {
        assertApiException(http.get("/nothing/here"), 404);
        assertApiException(http.delete("/dc/incident"), 405);
        Http other = new Http("http://127.0.0.1:" + server.port() + "/emulator/nosuch/rest-api/itsm/v1");
        assertApiException(other.get("/dc"), 404);
    }

    @Test
    void systemAttributesAndIdsAcrossTemplates() {
        List<DataCard> persons = server.instance("remote").all("person");
        assertTrue(persons.size() >= 150);
        assertEquals("PER-000001", persons.get(0).text("efecte_id"));
        long lastPerson = Long.parseLong(persons.get(persons.size() - 1).id());
        List<DataCard> incidents = server.instance("remote").all("incident");
        long lastIncident = Long.parseLong(incidents.get(incidents.size() - 1).id());
        assertTrue(lastIncident > lastPerson, "generated incidents come after the generated persons");
        assertNull(persons.get(1).text("cardlink_task_id"));
        assertEquals(0, server.instance("local").count("incident"));
        assertEquals(4, server.instance("local").templates().size());
    }
}
