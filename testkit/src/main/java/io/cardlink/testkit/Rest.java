package io.cardlink.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the Cardlink REST API as a script or a workflow engine would call it, logged in as the
 * distribution's first administrator ({@link #ADMIN_USER}) with the password the tests give it through
 * {@code CARDLINK_ADMIN_PASSWORD}, unless told otherwise ({@link #as}).
 */
public final class Rest {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The test distribution's users: the one place that spells their credentials. */
    public static final String ADMIN_USER = "admin";
    /** The tests' admin password: what {@code CARDLINK_ADMIN_PASSWORD} gives the distribution at its first start. */
    public static final String ADMIN_PASSWORD = "it-Admin-8d1f0c27e5";
    /**
     * The test distributions' accounts besides the admin: the workflow engine's (JAAS role cardlink-workflow) and a
     * read-only one (cardlink-viewer); the accounts as {@code etc/users.properties} values (password, then role).
     */
    public static final String WORKFLOW_USER = "wf-engine";
    public static final String WORKFLOW_PASSWORD = "wf-engine-secret";
    public static final String WORKFLOW_ACCOUNT = WORKFLOW_PASSWORD + ",cardlink-workflow";
    public static final String VIEWER_USER = "console-viewer";
    public static final String VIEWER_PASSWORD = "Viewer-Pw-4821";
    public static final String VIEWER_ACCOUNT = VIEWER_PASSWORD + ",cardlink-viewer";
    /** A Prometheus server's account (JAAS role cardlink-monitor): the metrics, nothing else. */
    public static final String MONITOR_USER = "prometheus";
    public static final String MONITOR_PASSWORD = "Scrape-Pw-7310";
    public static final String MONITOR_ACCOUNT = MONITOR_PASSWORD + ",cardlink-monitor";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient client;
    private String authorization = basic(ADMIN_USER, ADMIN_PASSWORD);
    private String cookie;
    private Duration timeout = DEFAULT_TIMEOUT;

    public Rest(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Over a client of the caller's, such as one that trusts the distribution's own HTTPS certificate. */
    public Rest(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** An answer of the API, its body as text. */
    public record Reply(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** This reply when it is a success (2xx), else an exception that names the call ({@code what}). */
        public Reply expectOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return this;
        }
    }

    /** A file the API answers (text, a zip), as bytes, accepting whatever type it has. */
    public record Download(int status, byte[] body, HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The base URL the paths of this client are relative to. */
    public String base() {
        return base;
    }

    /** This API as the workflow engine's account. */
    public Rest asWorkflowEngine() {
        return as(basic(WORKFLOW_USER, WORKFLOW_PASSWORD));
    }

    /** This API as the read-only account. */
    public Rest asViewer() {
        return as(basic(VIEWER_USER, VIEWER_PASSWORD));
    }

    /** This API as the monitoring account. */
    public Rest asMonitor() {
        return as(basic(MONITOR_USER, MONITOR_PASSWORD));
    }

    /** This API with the given Authorization header (such as {@link #basic}); null sends none. */
    public Rest as(String authorizationHeader) {
        Rest other = copy();
        other.authorization = authorizationHeader;
        return other;
    }

    /** The API as the console calls it after a sign-in: with the session cookie instead of credentials. */
    public Rest withSession(String token) {
        Rest other = copy();
        other.authorization = null;
        other.cookie = "CARDLINK_SESSION=" + token;
        return other;
    }

    /** This API with calls that may take this long (30 s unless told), such as a benchmark's on a loaded machine. */
    public Rest withTimeout(Duration callTimeout) {
        Rest other = copy();
        other.authorization = authorization;
        other.cookie = cookie;
        other.timeout = callTimeout;
        return other;
    }

    private Rest copy() {
        Rest other = new Rest(base, client);
        other.timeout = timeout;
        return other;
    }

    public Reply get(String path) throws IOException {
        return send("GET", path, null);
    }

    /** A POST with a JSON body: a JSON text as it is, or any other object as Jackson writes it. */
    public Reply post(String path, Object body) throws IOException {
        return send("POST", path, body);
    }

    public Reply put(String path, Object body) throws IOException {
        return send("PUT", path, body);
    }

    public Reply delete(String path) throws IOException {
        return send("DELETE", path, null);
    }

    public Download download(String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "*/*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = call(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.body(), response.headers());
    }

    public Reply send(String method, String path, Object body) throws IOException {
        return send(method, path, body, "application/json");
    }

    /** A call that accepts the answer's media type {@code accept}, such as the text of a log file. */
    public Reply send(String method, String path, Object body, String accept) throws IOException {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (text != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = call(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }
}
