package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.api.card.DataCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cardlink.emulator.EndpointsTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamAndConcurrencyTest {
    private static EmulatorServer server;

    @BeforeAll
    static void start() {
        server = EmulatorServer.start(EmulatorOptions.defaults().withGenerated("local", "person", 1000, 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void streamHoldsTheSameCardsAsPagingWithTheTotalInMeta() {
        Http http = new Http(server.baseUrl("remote")).login();
        String filter = Http.enc("$status$ <> '04 - Closed'");
        Http.Response stream = http.get("/dc/incident/data/stream?dataCards=true&selectedAttributes=status&filter=" + filter);
        assertEquals(200, stream.status());
        assertEquals("application/json", stream.header("Content-Type"));
        JsonNode data = stream.json().get("data");
        assertEquals(data.size(), stream.json().get("meta").get("count").asInt());
        List<String> streamed = new ArrayList<>();
        data.forEach(c -> {
            streamed.add(c.get("dataCardId").asText());
            assertEquals(Set.of("status"), EndpointsTest.fieldNames(c.get("data")));
        });
        List<String> paged = new ArrayList<>();
        String next = "/dc/incident/data?limit=37&filter=" + filter;
        while (next != null) {
            JsonNode page = http.get(next).json();
            page.get("data").forEach(c -> paged.add(c.get("dataCardId").asText()));
            next = page.get("meta").get("links").has("next") ? page.get("meta").get("links").get("next").asText() : null;
        }
        assertEquals(paged, streamed);
        assertTrue(streamed.size() > 100);
    }

    @Test
    void deletedCardsLeaveStreamsButAFilterFindsThem() {
        Http http = new Http(server.baseUrl("local")).login();
        List<DataCard> persons = server.instance("local").all("person");
        String victim = persons.get(5).id();
        assertEquals(200, http.delete("/dc/person/data/" + victim).status());
        JsonNode all = http.get("/dc/person/data/stream").json();
        assertEquals(persons.size() - 1, all.get("meta").get("count").asInt());
        JsonNode trashed = http.get("/dc/person/data/stream?filter=" + Http.enc("entity.deleted = 1")).json();
        assertEquals(1, trashed.get("data").size());
        assertEquals(victim, trashed.get("data").get(0).get("dataCardId").asText());
    }

    @Test
    void concurrentWritersGetUniqueIdsAndStrictlyIncreasingUpdated() throws Exception {
        EmulatorInstance local = server.instance("local");
        int before = local.count("incident");
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Http http = new Http(server.baseUrl("local")).login();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    Http.Response r = http.json("POST", "/dc/incident/data", Map.of("folderCode", "incident_management",
                            "data", Map.of("subject", values(Map.of("value", "t" + thread + "-" + i)))));
                    assertEquals(201, r.status(), r.text());
                    String id = r.json().get("dataCard").get("dataCardId").asText();
                    ids.add(id);
                    assertEquals(200, http.json("PATCH", "/dc/incident/data/" + id, Map.of("dataCardId", id,
                            "data", Map.of("priority", values(Map.of("value", i))))).status());
                }
                return ids;
            }));
        }
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> f : futures) {
            ids.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(threads * perThread, ids.size());
        assertEquals(before + threads * perThread, local.count("incident"));
        Set<Instant> updated = new HashSet<>();
        for (DataCard c : local.all("incident")) {
            assertTrue(updated.add(((io.cardlink.api.card.DateTimeValue) c.values("updated").get(0)).value()),
                    "every write has its own updated instant");
        }
        assertEquals(threads * perThread, local.counters().cardsCreated());
        assertEquals(threads * perThread, local.counters().cardsUpdated());
    }
}
