package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.card.DataCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cardlink.emulator.EndpointsTest.assertApiException;
import static io.cardlink.emulator.EndpointsTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refuseCards fault: an instance's own validation rule refuses some cards, in every kind of write. */
class RefuseCardsTest {
    private static final String BLOCKED = "blocked@example.test";
    private static final String RULE = "E-mail addresses of example.test are not accepted";

    private static EmulatorServer server;
    private static EmulatorInstance remote;
    private Http http;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
        remote = server.instance("remote");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        remote.reset();
        http = new Http(server.baseUrl("remote")).login();
    }

    private static Map<String, Object> person(String email) {
        return Map.of("folderCode", "persons", "data", Map.of("first_name", values(Map.of("value", "Pat")),
                "email", values(Map.of("value", email))));
    }

    @Test
    void aBulkWriteSavesTheOtherCardsAndReportsEachRefusedOne() {
        remote.faults().refuseCards("email", BLOCKED, RULE);
        DataCard existing = remote.all("person").get(3);
        int before = remote.count("person");
        Http.Response r = http.json("PUT", "/dc/person/data", List.of(person(BLOCKED), person("pat@example.com"),
                Map.of("dataCardId", existing.id(), "data", Map.of("email", values(Map.of("value", BLOCKED))))));
        assertEquals(200, r.status(), r.text());

        JsonNode result = r.json().get("meta").get("importResult");
        assertEquals(3, result.get("handledDataCards").asInt());
        assertEquals(1, result.get("savedDataCards").asInt());
        assertEquals(2, result.get("notSavedDataCards").asInt());
        JsonNode items = r.json().get("data");
        assertFalse(items.get(0).has("dataCard"), "a refused create has no card");
        JsonNode error = items.get(0).get("errors").get(0);
        assertEquals("email", error.get("attributeCode").asText());
        assertEquals("string", error.get("attributeType").asText());
        assertEquals(RULE, error.get("message").asText());
        assertEquals("Bad Request", error.get("error").asText());
        assertTrue(items.get(1).get("errors").isEmpty());
        assertEquals(existing.id(), items.get(2).get("dataCard").get("dataCardId").asText());
        assertEquals(RULE, items.get(2).get("errors").get(0).get("message").asText());

        assertEquals(before + 1, remote.count("person"));
        assertEquals(existing.text("email"), remote.find(existing.id()).orElseThrow().text("email"));
        assertEquals(1, remote.counters().cardsWritten());
    }

    @Test
    void singleCardWritesAnswer400WithTheMessage() {
        DataCard holder = remote.all("person").get(0);
        remote.faults().refuseCards("email", BLOCKED, RULE).refuseCards("email", holder.text("email"), "Frozen card");

        Http.Response created = http.json("POST", "/dc/person/data", person(BLOCKED));
        assertApiException(created, 400);
        assertTrue(created.json().get("message").asText().contains(RULE), created.text());

        DataCard other = remote.all("person").get(1);
        String path = "/dc/person/data/" + other.id();
        assertApiException(http.json("PATCH", path, Map.of("dataCardId", other.id(),
                "data", Map.of("email", values(Map.of("value", BLOCKED))))), 400);
        assertApiException(http.json("PUT", path + "/email", values(Map.of("value", BLOCKED))), 400);
        assertEquals(other.text("email"), remote.find(other.id()).orElseThrow().text("email"));

        // the rule looks at the card as it would be saved, so a card holding the value refuses any change
        Http.Response renamed = http.json("PATCH", "/dc/person/data/" + holder.id(), Map.of("dataCardId", holder.id(),
                "data", Map.of("first_name", values(Map.of("value", "Renamed")))));
        assertApiException(renamed, 400);
        assertTrue(renamed.json().get("message").asText().contains("Frozen card"), renamed.text());
        assertEquals(0, remote.counters().cardsWritten());

        remote.faults().clear();
        assertEquals(201, http.json("POST", "/dc/person/data", person(BLOCKED)).status());
        assertEquals(200, http.json("PUT", path + "/email", values(Map.of("value", BLOCKED))).status());
    }

    @Test
    void theAdminApiAddsListsAndClearsRules() {
        Http admin = new Http(server.rootUrl("remote") + "/_admin");
        JsonNode faults = admin.json("POST", "/faults", Map.of("refuseCards", List.of(
                Map.of("attributeCode", "email", "value", BLOCKED, "message", RULE)))).json();
        assertEquals(BLOCKED, faults.get("refuseCards").get(0).get("value").asText());
        admin.json("POST", "/faults", Map.of("refuseCards", List.of(
                Map.of("attributeCode", "first_name", "value", "Pat", "message", "No Pats"))));
        assertEquals(2, admin.get("/faults").json().get("refuseCards").size());
        assertApiException(http.json("POST", "/dc/person/data", person("pat@example.com")), 400);

        assertEquals(400, admin.json("POST", "/faults", Map.of("refuseCards", Map.of("attributeCode", "email"))).status());
        assertEquals(400, admin.json("POST", "/faults", Map.of("refuseCards", List.of(
                Map.of("attributeCode", "email", "value", BLOCKED)))).status());

        assertTrue(admin.delete("/faults").json().get("refuseCards").isEmpty());
        assertEquals(201, http.json("POST", "/dc/person/data", person(BLOCKED)).status());
    }
}
