package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cardlink.emulator.EndpointsTest.assertApiException;
import static io.cardlink.emulator.EndpointsTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values are checked by type on single-card writes (400 naming attribute and problem). */
class ValidationTest {
    private static EmulatorServer server;
    private static Http http;
    private static String person;
    private static String incident;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        http = new Http(server.baseUrl("remote")).login();
        person = server.instance("remote").all("person").get(0).id();
        incident = server.instance("remote").all("incident").get(0).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response create(String attribute, Object... valueElements) {
        return http.json("POST", "/dc/incident/data", Map.of("folderCode", "incident_management",
                "data", Map.of(attribute, Map.of("values", List.of(valueElements)))));
    }

    private static String rejected(String attribute, Object... valueElements) {
        Http.Response r = create(attribute, valueElements);
        assertApiException(r, 400);
        String message = r.json().get("message").asText();
        assertTrue(message.contains("'" + attribute + "'"), message);
        return message;
    }

    private static JsonNode stored(Http.Response created, String attribute) {
        assertEquals(201, created.status(), created.text());
        String id = created.json().get("dataCard").get("dataCardId").asText();
        return http.get("/dc/incident/data/" + id + "/" + attribute).json().get("values");
    }

    @Test
    void staticValuesMatchByValueOrCodeAndBothMustAgree() {
        assertEquals("solving", stored(create("status", Map.of("value", "02 - Solving")), "status").get(0).get("code").asText());
        assertEquals("02 - Solving", stored(create("status", Map.of("code", "solving")), "status").get(0).get("value").asText());
        assertTrue(rejected("status", Map.of("value", "02 - Solving", "code", "new")).contains("Couldn't find static-value"));
        rejected("status", Map.of("value", "Bogus"));
        rejected("status", Map.of());
    }

    @Test
    void referencesMustExistAndPointAtATargetTemplate() {
        assertEquals(person, stored(create("customer", Map.of("dataCardId", person)), "customer").get(0).get("dataCardId").asText());
        assertTrue(rejected("customer", Map.of("dataCardId", incident)).contains("refers to [person]"));
        assertTrue(rejected("customer", Map.of("dataCardId", "987654321")).contains("Couldn't find data card"));
        rejected("customer", Map.of("name", "Someone"));
    }

    @Test
    void createEmptyReferencesMakesAStubTargetAndReportsIt() {
        Http.Response r = http.json("POST", "/dc/incident/data?createEmptyReferences=true", Map.of(
                "folderCode", "incident_management",
                "data", Map.of("customer", values(Map.of("name", "Stub Person")))));
        assertEquals(201, r.status(), r.text());
        JsonNode created = r.json().get("meta").get("createdReferences").get(0).get("dataCard");
        assertEquals("person", server.instance("remote").find(created.get("dataCardId").asText()).orElseThrow().templateCode());
        assertEquals("Stub Person", server.instance("remote").find(created.get("dataCardId").asText()).orElseThrow().text("first_name"));
    }

    @Test
    void createEmptyReferencesOtherThanTrueCreatesNothing() {
        Http.Response r = http.json("POST", "/dc/incident/data?createEmptyReferences=no&dataCards=false", Map.of(
                "folderCode", "incident_management",
                "data", Map.of("customer", values(Map.of("name", "Stub Person")))));
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("customer"), r.text());
        assertEquals(0, server.instance("remote").all("person").stream()
                .filter(p -> "Stub Person".equals(p.name())).count());
    }

    @Test
    void numbersDatesAndMultiValues() {
        assertEquals(0.25, stored(create("priority", Map.of("value", "0.25")), "priority").get(0).get("value").asDouble());
        assertTrue(rejected("priority", Map.of("value", "high")).contains("Not a number"));
        assertEquals("2024-02-29", stored(create("due_date", Map.of("value", "2024-02-29")), "due_date").get(0).get("value").asText());
        assertEquals("2024-02-29T09:00:00Z",
                stored(create("assigned_at", Map.of("value", "2024-02-29T10:00:00+01:00")), "assigned_at").get(0).get("value").asText());
        assertTrue(rejected("due_date", Map.of("value", "29.02.2024")).contains("Not a date"));
        rejected("due_date", Map.of("value", "2024-02-30"));
        assertTrue(rejected("subject", Map.of("value", "a"), Map.of("value", "b")).contains("takes one value"));
        assertEquals(2, stored(create("tags", Map.of("value", "a"), Map.of("value", "b")), "tags").size());
        rejected("subject", "plain string instead of an object");
        rejected("attachments", Map.of("name", "no location"));
        rejected("worklog", Map.of("value", ""));
    }

    @Test
    void unknownAndReadOnlyAttributesAndFoldersAreRefused() {
        assertTrue(rejected("nope", Map.of("value", "x")).contains("Unknown attribute"));
        assertTrue(rejected("efecte_id", Map.of("value", "INC-1")).contains("read-only"));
        rejected("updated", Map.of("value", "2024-01-01T00:00:00Z"));
        Http.Response wrongFolder = http.json("POST", "/dc/incident/data", Map.of("folderCode", "persons", "data", Map.of()));
        assertApiException(wrongFolder, 400);
        assertTrue(wrongFolder.json().get("message").asText().contains("not allowed"));
        assertApiException(http.json("POST", "/dc/incident/data", Map.of("data", Map.of())), 400);
        assertApiException(http.json("POST", "/dc/incident/data", Map.of("folderCode", "incident_management")), 400);
        assertApiException(http.json("POST", "/dc/incident/data", "[1,2"), 400);
        assertApiException(http.json("POST", "/dc/incident/data", ""), 400);
    }

    @Test
    void severalProblemsAreReportedTogether() {
        Http.Response r = http.json("POST", "/dc/incident/data", Map.of("folderCode", "incident_management", "data", Map.of(
                "priority", values(Map.of("value", "x")), "status", values(Map.of("value", "y")))));
        assertApiException(r, 400);
        String message = r.json().get("message").asText();
        assertTrue(message.contains("'priority'") && message.contains("'status'"), message);
    }

    @Test
    void malformedFiltersAre400NeverServerErrors() {
        String[] filters = {"(", "$subject$ = 'x", "$nope$ = 1", "$priority$ > 'x'", "%%%", "$subject$ LIKE", "1 = 1",
            "$customer$ = 'Nobody at all'", "entity.deleted = 7", "'", "$subject$ = 'a' AND (", "\u00ff\u0000"};
        for (String f : filters) {
            Http.Response r = http.get("/dc/incident/data?limit=5&filter=" + Http.enc(f));
            assertApiException(r, 400);
            assertTrue(r.json().get("message").asText().startsWith("Invalid filter at position "), f);
            assertEquals(400, http.get("/dc/incident/data/stream?filter=" + Http.enc(f)).status());
        }
    }
}
