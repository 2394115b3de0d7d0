package io.cardlink.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the Cardlink REST API as a script or a workflow engine would call it, logged in as the
 * distribution's first administrator ({@link #ADMIN_USER}) with the password the tests give it through
 * {@code CARDLINK_ADMIN_PASSWORD}.
 */
final class Rest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The test distribution's users: the one place that spells their credentials. */
    static final String ADMIN_USER = "admin";
    /** The tests' admin password: what {@code CARDLINK_ADMIN_PASSWORD} gives the distribution at its first start. */
    static final String ADMIN_PASSWORD = "it-Admin-8d1f0c27e5";
    /**
     * The test distributions' accounts besides the admin: the workflow engine's (JAAS role cardlink-workflow) and a
     * read-only one (cardlink-viewer); the accounts as {@code etc/users.properties} values (password, then role).
     */
    static final String WORKFLOW_USER = "wf-engine";
    static final String WORKFLOW_PASSWORD = "wf-engine-secret";
    static final String WORKFLOW_ACCOUNT = WORKFLOW_PASSWORD + ",cardlink-workflow";
    static final String VIEWER_USER = "console-viewer";
    static final String VIEWER_PASSWORD = "Viewer-Pw-4821";
    static final String VIEWER_ACCOUNT = VIEWER_PASSWORD + ",cardlink-viewer";
    /** A Prometheus server's account (JAAS role cardlink-monitor): the metrics, nothing else. */
    static final String MONITOR_USER = "prometheus";
    static final String MONITOR_PASSWORD = "Scrape-Pw-7310";
    static final String MONITOR_ACCOUNT = MONITOR_PASSWORD + ",cardlink-monitor";

    private final String base;
    private final HttpClient client;
    private String authorization = basic(ADMIN_USER, ADMIN_PASSWORD);
    private String cookie;

    Rest(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Over a client of the caller's, such as one that trusts the distribution's own HTTPS certificate. */
    Rest(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** This API as the workflow engine's account. */
    Rest asWorkflowEngine() {
        return as(basic(WORKFLOW_USER, WORKFLOW_PASSWORD));
    }

    /** This API as the read-only account. */
    Rest asViewer() {
        return as(basic(VIEWER_USER, VIEWER_PASSWORD));
    }

    /** This API as the monitoring account. */
    Rest asMonitor() {
        return as(basic(MONITOR_USER, MONITOR_PASSWORD));
    }

    Rest as(String authorizationHeader) {
        Rest other = new Rest(base, client);
        other.authorization = authorizationHeader;
        return other;
    }

    /** The API as the console calls it after a sign-in: with the session cookie instead of credentials. */
    Rest withSession(String token) {
        Rest other = new Rest(base, client);
        other.authorization = null;
        other.cookie = "CARDLINK_SESSION=" + token;
        return other;
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    Reply post(String path, String json) throws Exception {
        return send("POST", path, json);
    }

    Reply put(String path, String json) throws Exception {
        return send("PUT", path, json);
    }

    Reply delete(String path) throws Exception {
        return send("DELETE", path, null);
    }

    /** A file the API answers (text, a zip), as bytes, accepting whatever type it has. */
    record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Download download(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.body(), response.headers());
    }

    Reply send(String method, String path, String json) throws Exception {
        return send(method, path, json, "application/json");
    }

    /** A call that accepts the answer's media type {@code accept}, such as the text of a log file. */
    Reply send(String method, String path, String json, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }
}
