package io.cardlink.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Worklog writes as the reference's U16 has them, through the bulk write a scheduled task uses: every entry sent is
 * appended, in front of the old ones, with the API user as author and the time of the write as date; an entry the
 * card has already is appended again; a bulk item without the worklog leaves it as it is.
 */
class WorklogWritesTest {
    private static EmulatorServer server;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBulkWriteAppendsEveryEntryItCarries() {
        Http http = new Http(server.baseUrl("local")).login();
        Instant before = Instant.now().minusSeconds(1);
        JsonNode created = http.json("PUT", "/dc/incident/data", List.of(Map.of("folderCode", "incident_management",
                "data", Map.of("subject", values("Worklog check"), "worklog", values("[Anna Admin,"
                        + " 2025-01-15T09:00:00Z] Technician on the way."))))).json();
        String id = created.at("/data/0/dataCard/dataCardId").asText();

        update(http, id, Map.of("worklog", values("Second"), "subject", values("Worklog check")));
        update(http, id, Map.of("worklog", values("Second")));
        update(http, id, Map.of("subject", values("No worklog in this write")));

        JsonNode entries = http.get("/dc/incident/data/" + id + "?selectedAttributes=worklog").json()
                .at("/data/worklog/values");
        assertEquals(3, entries.size(), entries.toString());
        assertEquals("Second", entries.get(0).get("value").asText());
        assertEquals("Second", entries.get(1).get("value").asText());
        assertEquals("[Anna Admin, 2025-01-15T09:00:00Z] Technician on the way.", entries.get(2).get("value").asText());
        for (JsonNode entry : entries) {
            assertEquals("Web API", entry.get("author").asText());
            assertTrue(Instant.parse(entry.get("date").asText()).isAfter(before), entry.toString());
        }
    }

    private static void update(Http http, String id, Map<String, Object> data) {
        Http.Response reply = http.json("PUT", "/dc/incident/data", List.of(Map.of("dataCardId", id, "data", data)));
        assertEquals(200, reply.status(), reply.text());
        assertEquals(1, reply.json().at("/meta/importResult/savedDataCards").asInt(), reply.text());
    }

    private static Map<String, Object> values(String text) {
        return Map.of("values", List.of(Map.of("value", text)));
    }
}
