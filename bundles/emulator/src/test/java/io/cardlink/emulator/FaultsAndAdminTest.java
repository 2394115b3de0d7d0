package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.cardlink.emulator.EndpointsTest.assertApiException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsAndAdminTest {
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

    @Test
    void failShareIsExactAndRetryAfterIsSent() {
        remote.faults().failShare(503, 0.5);
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            Http.Response r = http.get("/echo?message=x");
            if (r.status() == 503) {
                failed++;
                assertEquals("1", r.header("Retry-After"));
                assertEquals(503, r.json().get("code").asInt());
            }
        }
        assertEquals(5, failed);
        remote.faults().clear().failShare(429, 1.0);
        assertEquals(429, http.get("/dc").status());
        remote.faults().failShare(429, 0).failShare(500, 1.0);
        Http.Response r = http.get("/dc");
        assertEquals(500, r.status());
        assertEquals(null, r.header("Retry-After"));
        remote.faults().clear();
        assertEquals(200, http.get("/dc").status());
    }

    @Test
    void shortTokenLifetimeGives401() {
        remote.faults().tokenLifetime(Duration.ZERO);
        Http expired = new Http(server.baseUrl("remote")).login();
        Http.Response r = expired.get("/dc");
        assertApiException(r, 401);
        assertTrue(r.json().get("message").asText().contains("expired"));
        assertEquals(200, http.get("/dc").status(), "tokens issued before keep their lifetime");
    }

    @Test
    void latencyDelaysButStillAnswers() {
        remote.faults().latency(Duration.ofMillis(30));
        assertEquals(200, http.get("/dc").status());
    }

    @Test
    void streamIsDroppedAfterNCards() {
        remote.faults().dropStreamAfter(50);
        HttpResponse<InputStream> response;
        try {
            response = http.client().send(http.request("/dc/incident/data/stream?dataCards=true").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode());
        assertThrows(IOException.class, () -> {
            try (InputStream in = response.body()) {
                in.readAllBytes();
            }
        });
        remote.faults().clear();
        assertEquals(200, http.get("/dc/incident/data/stream").status());
    }

    @Test
    void countersTellWhetherARunWroteAnything() {
        http.get("/dc/person/data?limit=10");
        http.get("/dc/person/data?limit=10");
        EmulatorCounters counters = remote.counters();
        assertEquals(2, counters.requests("list"));
        assertEquals(1, counters.requests("login"));
        assertEquals(0, counters.cardsWritten());
        http.json("POST", "/dc/person/data", Map.of("folderCode", "persons", "data", Map.of()));
        assertEquals(1, remote.counters().cardsCreated());
        remote.resetCounters();
        assertEquals(0, remote.counters().totalRequests());
    }

    @Test
    void adminEndpointsOverHttp() {
        Http admin = new Http(server.rootUrl("remote") + "/_admin");
        JsonNode faults = admin.json("POST", "/faults", Map.of("latencyMs", 5, "failShare", Map.of("503", 0.25),
                "tokenLifetimeSeconds", 60, "dropStreamAfter", 10, "emptyListAs404", true)).json();
        assertEquals(0.25, faults.get("failShare").get("503").asDouble());
        assertEquals(60, faults.get("tokenLifetimeSeconds").asInt());
        assertTrue(admin.get("/faults").json().get("emptyListAs404").asBoolean());
        assertEquals(false, admin.delete("/faults").json().get("emptyListAs404").asBoolean());
        assertEquals(400, admin.json("POST", "/faults", Map.of("failShare", Map.of("418", 0.5))).status());

        int before = remote.count("incident");
        JsonNode generated = admin.json("POST", "/generate?template=incident&count=25&seed=9", "").json();
        assertEquals(25, generated.get("generated").asInt());
        assertEquals(before + 25, remote.count("incident"));
        assertEquals(400, admin.json("POST", "/generate?template=nope&count=1", "").status());

        http.get("/dc");
        JsonNode counters = admin.get("/counters").json();
        assertEquals(1, counters.get("requests").get("templates").asInt());
        assertEquals(0, counters.get("cardsWritten").asInt());
        assertEquals(0, admin.delete("/counters").json().get("requests").size());

        assertEquals(200, admin.json("POST", "/reset", "").status());
        assertEquals(before, remote.count("incident"));
        assertEquals(404, admin.get("/nothing").status());
    }

    @Test
    void generationIsDeterministicPerSeed() {
        var first = remote.generate("person", 20, 77);
        var again = remote.generate("person", 20, 77);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).text("email"), again.get(i).text("email"));
            assertEquals(first.get(i).text("department"), again.get(i).text("department"));
        }
        assertTrue(first.stream().noneMatch(c -> "99 - Removed".equals(c.text("status"))));
    }

    @Test
    void putFindAndAllHelpers() {
        var card = remote.put(io.cardlink.api.card.DataCard.draft("person", null,
                Map.of("first_name", java.util.List.of(new io.cardlink.api.card.StringValue("Zed")))));
        assertTrue(card.text("efecte_id").startsWith("PER-"));
        assertEquals(card, remote.find(card.id()).orElseThrow());
        assertEquals(card.id(), remote.find("person", "first_name", "Zed").orElseThrow().id());
        assertEquals(card.id(), remote.all("person").get(remote.all("person").size() - 1).id());
        assertThrows(IllegalArgumentException.class, () -> remote.put(io.cardlink.api.card.DataCard.draft("person",
                "incident_management", Map.of())));
        assertThrows(UncheckedIOException.class, () -> EmulatorServer.start(EmulatorOptions.defaults().withPort(server.port())));
    }
}
