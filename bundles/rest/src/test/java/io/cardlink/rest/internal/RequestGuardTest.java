package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

/** What a browser can send on a page's behalf is refused before anyone logs in; bodies are bounded. */
class RequestGuardTest {
    private final RequestGuard guard = new RequestGuard(1024, 4096, Set.of("https://console.example.com"));

    /** A request to the API at http://127.0.0.1:8181/cardlink/api/v1/{path}, as CXF hands it to a filter. */
    private static final class Call {
        final Map<String, String> headers = new HashMap<>();
        final String method;
        final String path;
        InputStream body = new ByteArrayInputStream(new byte[0]);
        Response aborted;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        ContainerRequestContext context() {
            UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "getPath" -> path;
                        case "getRequestUri" -> URI.create("http://127.0.0.1:8181/cardlink/api/v1/" + path);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getUriInfo" -> uri;
                        case "getMethod" -> method;
                        case "getHeaderString" -> headers.get((String) args[0]);
                        case "getMediaType" -> headers.containsKey("Content-Type")
                                ? MediaType.valueOf(headers.get("Content-Type")) : null;
                        case "getEntityStream" -> body;
                        case "setEntityStream" -> {
                            body = (InputStream) args[0];
                            yield null;
                        }
                        case "abortWith" -> {
                            aborted = (Response) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        Call through(RequestGuard guard) {
            guard.filter(context());
            return this;
        }

        int status() {
            return aborted == null ? 0 : aborted.getStatus();
        }
    }

    @Test
    void aFormOrPlainTextPostIsRefusedWhateverItCarries() {
        Call form = new Call("POST", "connectors/HR/scheduled-tasks/Nightly/runs")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Content-Length", "0").through(guard);
        assertEquals(415, form.status());
        assertTrue(((ErrorBody) form.aborted.getEntity()).message().contains("application/x-www-form-urlencoded"));
        assertEquals(415, new Call("PUT", "settings").header("Content-Type", "text/plain").header("Content-Length",
                "2").through(guard).status());
        assertEquals(415, new Call("POST", "connectors").header("Transfer-Encoding", "chunked").through(guard).status(),
                "a body without a type");
    }

    @Test
    void jsonOrNoBodyAtAllPasses() {
        assertEquals(0, new Call("POST", "connectors").header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Length", "2").through(guard).status());
        assertEquals(0, new Call("POST", "connectors/HR/test").through(guard).status(), "curl -X POST without a body");
        assertEquals(0, new Call("GET", "connectors").header("Content-Type", "text/html").through(guard).status(),
                "a read changes nothing");
    }

    @Test
    void aChangeFromAnotherWebPageIsRefusedAndFromTheApisOwnOrAnAllowedOnePasses() {
        Call foreign = new Call("DELETE", "connectors/HR").header("Origin", "https://evil.example.net").through(guard);
        assertEquals(403, foreign.status());
        assertTrue(((ErrorBody) foreign.aborted.getEntity()).message().contains("https://evil.example.net"));
        assertEquals(0, new Call("DELETE", "connectors/HR").header("Origin", "http://127.0.0.1:8181")
                .through(guard).status());
        assertEquals(0, new Call("DELETE", "connectors/HR").header("Origin", "HTTPS://console.example.com:443/")
                .through(guard).status());
        assertEquals(0, new Call("GET", "connectors").header("Origin", "https://evil.example.net").through(guard)
                .status(), "reading is CORS's business: the browser keeps the answer from the page");
    }

    @Test
    void aBodyAboveTheLimitIsRefusedByItsLengthOrWhenItGrowsPastIt() throws IOException {
        assertEquals(413, new Call("POST", "connectors").header("Content-Type", "application/json")
                .header("Content-Length", "1025").through(guard).status());
        assertEquals(0, new Call("POST", "import").header("Content-Type", "application/json")
                .header("Content-Length", "4096").through(guard).status(), "an import may be larger");
        assertEquals(413, new Call("POST", "import/").header("Content-Type", "application/json")
                .header("Content-Length", "4097").through(guard).status());

        Call chunked = new Call("POST", "connectors").header("Content-Type", "application/json")
                .header("Transfer-Encoding", "chunked");
        chunked.body = new ByteArrayInputStream(new byte[2000]);
        chunked.through(guard);
        assertNull(chunked.aborted);
        IOException cut = assertThrows(IOException.class, () -> chunked.body.readAllBytes());
        Response answer = RequestGuard.tooLarge(new RuntimeException("wrapped by a reader", cut)).orElseThrow();
        assertEquals(413, answer.getStatus());
        assertTrue(((ErrorBody) answer.getEntity()).message().startsWith("the body is larger than 1024 bytes"));
    }
}
