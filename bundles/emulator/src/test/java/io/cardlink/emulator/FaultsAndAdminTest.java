package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
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
    void latencySpikesDelayTheirShareOfRequestsOnly() {
        remote.faults().latencySpikes(0.5, Duration.ofMillis(400));
        int slow = 0;
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            assertEquals(200, http.get("/echo?message=x").status());
            if ((System.nanoTime() - started) / 1_000_000 >= 400) {
                slow++;
            }
        }
        assertEquals(3, slow);
    }

    @Test
    void streamsBreakEachTimeTheInstanceHasStreamedAnotherNCards() {
        remote.generate("incident", 300, 8);
        remote.faults().dropStreamEvery(120);
        String first = streamUntilBroken("/dc/incident/data/stream");
        assertEquals(120, occurrences(first, "\"dataCardId\""));
        String lastId = lastId(first);
        // the next stream goes on counting: it breaks after another 120 cards
        String second = streamUntilBroken("/dc/incident/data/stream?filter="
                + java.net.URLEncoder.encode("entity.id < " + lastId, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(120, occurrences(second, "\"dataCardId\""));
        assertTrue(Long.parseLong(lastId(second)) < Long.parseLong(lastId), "the second stream starts below the first");
        assertEquals(200, http.get("/dc/incident/data?limit=200").status(), "paged reads are not cut");
        remote.faults().dropStreamEvery(0);
        assertEquals(200, http.get("/dc/incident/data/stream").status());
    }

    /**
     * Reads a stream of card infos until its connection breaks; fails when it ends normally. Through
     * HttpURLConnection, which reads the socket in order: the JDK's HttpClient may drop what it received but had not
     * handed on yet when the connection breaks, which would count fewer cards than the emulator sent.
     */
    private String streamUntilBroken(String path) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        HttpRequest request = http.request(path).GET().build();
        assertThrows(IOException.class, () -> {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) request.uri().toURL().openConnection();
            request.headers().map().forEach((name, values) -> values.forEach(v -> connection.addRequestProperty(name, v)));
            assertEquals(200, connection.getResponseCode());
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            }
        });
        return got.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static String lastId(String streamed) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"dataCardId\":\"(\\d+)\"").matcher(streamed);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    @Test
    void aFailureAfterTheWriteLeavesTheWriteDone() {
        remote.faults().failAfterWrite(1.0);
        Http.Response created = http.json("POST", "/dc/person/data", Map.of("folderCode", "persons",
                "data", Map.of("first_name", Map.of("values", java.util.List.of(Map.of("value", "Landed"))))));
        assertApiException(created, 500);
        assertTrue(remote.find("person", "first_name", "Landed").isPresent(), "the create was carried out");

        java.util.List<Object> cards = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cards.add(Map.of("folderCode", "persons", "data", Map.of("first_name",
                    Map.of("values", java.util.List.of(Map.of("value", "Bulk " + i))))));
        }
        assertApiException(http.json("PUT", "/dc/person/data", cards), 500);
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3, remote.find("person", "first_name", "Bulk " + i).isPresent(), "card " + i);
        }
        remote.faults().failAfterWrite(0);
        assertEquals(201, http.json("POST", "/dc/person/data", Map.of("folderCode", "persons", "data", Map.of()))
                .status());
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
        JsonNode more = admin.json("POST", "/faults", Map.of("latencySpikes", Map.of("share", 0.05, "ms", 2000),
                "dropStreamEvery", 5000, "failAfterWrite", 0.02)).json();
        assertEquals(2000, more.at("/latencySpikes/ms").asInt());
        assertEquals(0.05, more.at("/latencySpikes/share").asDouble());
        assertEquals(5000, more.get("dropStreamEvery").asInt());
        assertEquals(0.02, more.get("failAfterWrite").asDouble());
        assertEquals(0.25, more.get("failShare").get("503").asDouble(), "faults not named stay as they are");
        assertEquals(400, admin.json("POST", "/faults", Map.of("latencySpikes", 2000)).status());
        assertEquals(400, admin.json("POST", "/faults", Map.of("failAfterWrite", 1.5)).status());
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
