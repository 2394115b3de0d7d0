package io.cardlink.esm.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client names every query parameter of a read itself rather than leaning on the API's defaults (the emulator,
 * like the vendor's OpenAPI document, fills in {@code limit=50} and {@code filterId=0}, which would hide a client that
 * left them out). A recording proxy in front of the emulator sees each request as the client sent it.
 */
class ExplicitParametersTest extends EmulatorFixture {
    private final List<String> listQueries = new CopyOnWriteArrayList<>();
    private final List<String> streamQueries = new CopyOnWriteArrayList<>();
    private final HttpClient forward = HttpClient.newHttpClient();
    private HttpServer proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
    }

    private EsmClient clientThroughProxy() {
        return EsmClient.create(config().baseUrl("http://127.0.0.1:" + proxy.getAddress().getPort() + "/emulator/"
                + INSTANCE).build());
    }

    @Test
    void everyListCallNamesLimitFilterIdAndDataCards() {
        int persons = remote.count("person");
        try (CardStream cards = clientThroughProxy().page("person", ReadQuery.all().withPageSize(50))) {
            cards.forEachRemaining(card -> { });
        }
        assertEquals(persons / 50 + 1, listQueries.size(), listQueries.toString());
        Map<String, String> first = parameters(listQueries.get(0));
        assertEquals(Map.of("limit", "50", "filterId", "0", "dataCards", "true"), first);
        for (String query : listQueries) {
            assertEquals(Set.of("limit", "filterId", "dataCards"), parameters(query).keySet(), query);
        }

        listQueries.clear();
        ReadQuery filtered = ReadQuery.where("$priority$ > 1").withAttributes(List.of("subject")).withPageSize(20);
        try (CardStream cards = clientThroughProxy().page("incident", filtered)) {
            cards.forEachRemaining(card -> { });
        }
        assertFalse(listQueries.isEmpty());
        for (String query : listQueries) {
            Map<String, String> parameters = parameters(query);
            assertEquals(Set.of("limit", "filterId", "dataCards", "filter", "selectedAttributes"), parameters.keySet(),
                    query);
            assertEquals("20", parameters.get("limit"));
            assertEquals("$priority$ > 1", parameters.get("filter"));
        }
    }

    @Test
    void aStreamNamesDataCards() {
        try (CardStream cards = clientThroughProxy().stream("person", ReadQuery.all())) {
            cards.forEachRemaining(card -> { });
        }
        assertEquals(1, streamQueries.size(), streamQueries.toString());
        assertTrue(parameters(streamQueries.get(0)).containsKey("dataCards"), streamQueries.get(0));
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Records a read's query, then passes the request to the emulator and its answer back, headers included. */
    private void forward(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        if (uri.getPath().endsWith("/data")) {
            listQueries.add(uri.getRawQuery());
        } else if (uri.getPath().endsWith("/data/stream")) {
            streamQueries.add(uri.getRawQuery());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        for (String header : List.of("Authorization", "Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.equalsIgnoreCase(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
