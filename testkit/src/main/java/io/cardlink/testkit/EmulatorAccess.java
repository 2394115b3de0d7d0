package io.cardlink.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One emulator instance: its REST API (as user webapi) and its admin endpoints. */
public final class EmulatorAccess {
    /** The API user of the emulator's instances; the demo fixture gives it the same word as its password. */
    public static final String USER = "webapi";
    /** The cards {@link #generate} asks for in one call, so that one call does not hold the emulator too long. */
    private static final int GENERATE_CHUNK = 100_000;

    private final String root;
    private final String api;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    /** An instance of the emulator inside the test Karaf, with the demo fixture's password. */
    public static EmulatorAccess inKaraf(String httpPort, String instance) {
        return new EmulatorAccess("http://localhost:" + httpPort + "/emulator/" + instance, USER);
    }

    /** The instance at this root ({@code http://host:port/emulator/NAME}) whose user webapi has this password. */
    public static EmulatorAccess at(String root, String password) {
        return new EmulatorAccess(root, password);
    }

    private EmulatorAccess(String root, String password) {
        this.root = root;
        this.api = root + "/rest-api/itsm/v1";
        this.password = password;
    }

    public String url() {
        return root;
    }

    public boolean answers() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api + "/echo?message=hi")).build()).statusCode() == 200;
    }

    public JsonNode admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "/_admin/" + path))
                .timeout(Duration.ofSeconds(120));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " _admin/" + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : Rest.JSON.readTree(response.body());
    }

    public long cardsWritten() throws Exception {
        return admin("GET", "counters", null).get("cardsWritten").asLong();
    }

    /** The instance's counters: cards created, updated and deleted, and requests, since the last reset of them. */
    public JsonNode counters() throws Exception {
        return admin("GET", "counters", null);
    }

    public void resetCounters() throws Exception {
        admin("DELETE", "counters", null);
    }

    /** Back to the fixture: cards, counters and faults. */
    public void reset() throws Exception {
        admin("POST", "reset", "{}");
    }

    /** Switches on the faults of the JSON body (the emulator's admin API; see its README). */
    public void faults(String json) throws Exception {
        admin("POST", "faults", json);
    }

    public void clearFaults() throws Exception {
        admin("DELETE", "faults", null);
    }

    /** Adds {@code count} cards of a generator template (such as {@code incident}), reproducibly from the seed. */
    public void generate(String template, int count, long seed) throws Exception {
        for (int done = 0; done < count; done += GENERATE_CHUNK) {
            int n = Math.min(GENERATE_CHUNK, count - done);
            admin("POST", "generate?template=" + template + "&count=" + n + "&seed=" + (seed + done), "{}");
        }
    }

    /** The cards of a template matching a filter (null: all), with the given attributes only. */
    public JsonNode cards(String template, String filter, String attributes) throws Exception {
        StringBuilder query = new StringBuilder("?dataCards=true");
        if (filter != null) {
            query.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
        }
        if (attributes != null) {
            query.append("&selectedAttributes=").append(URLEncoder.encode(attributes, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data/stream" + query).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("stream " + template + ": " + response.statusCode() + " " + response.body());
        }
        return Rest.JSON.readTree(response.body()).get("data");
    }

    public void patch(String template, String id, String attribute, String value) throws Exception {
        String body = "{\"dataCardId\":\"" + id + "\",\"data\":{\"" + attribute + "\":{\"values\":[{\"value\":\""
                + value + "\"}]}}}";
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("patch " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Creates a card through the API, as a user of the instance would, from its {@code data} object
     * ({@code {"code": {"values": [...]}, ...}}); returns its id.
     */
    public String create(String template, String folder, String dataJson) throws Exception {
        String body = "{\"folderCode\":\"" + folder + "\",\"data\":" + dataJson + "}";
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("create " + template + ": " + response.statusCode() + " " + response.body());
        }
        return Rest.JSON.readTree(response.body()).at("/dataCard/dataCardId").asText();
    }

    /** One page of a list call with exactly the query given ({@code limit=5&dataCards=true}, or empty), as JSON. */
    public JsonNode page(String template, String query) throws Exception {
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data"
                + (query.isEmpty() ? "" : "?" + query)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("list " + template + ": " + response.statusCode() + " " + response.body());
        }
        return Rest.JSON.readTree(response.body());
    }

    /** A card by id with every attribute, as the API gives it. */
    public JsonNode card(String template, String id) throws Exception {
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data/" + id).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("get " + id + ": " + response.statusCode() + " " + response.body());
        }
        return Rest.JSON.readTree(response.body());
    }

    /** Adds a file to a file attribute of a card (multipart {@code fileUpload} and {@code fileName}). */
    public void upload(String template, String id, String attribute, String fileName, byte[] content) throws Exception {
        String boundary = "it-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\n" + fileName
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileUpload\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data/" + id + "/" + attribute
                + "/file").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
        if (response.statusCode() != 200) {
            throw new AssertionError("upload to " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The bytes of the file at {@code location} of a card's file attribute. */
    public byte[] download(String template, String id, String attribute, String location) throws Exception {
        HttpRequest request = authorized(api + "/dc/" + template + "/data/" + id + "/" + attribute + "/file/"
                + URLEncoder.encode(location, StandardCharsets.UTF_8).replace("+", "%20")).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("download " + location + " of " + id + ": " + response.statusCode());
        }
        return response.body();
    }

    public void delete(String template, String id) throws Exception {
        HttpResponse<String> response = send(authorized(api + "/dc/" + template + "/data/" + id).DELETE().build());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("delete " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpRequest.Builder authorized(String url) throws Exception {
        if (token == null) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(api + "/users/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("login=" + USER + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8))).build());
            token = login.headers().firstValue("Authorization").orElseThrow();
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).header("Authorization", token);
    }

    /** Sends a request, trying again for a while when the connection fails (Karaf's HTTP service restarting). */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
