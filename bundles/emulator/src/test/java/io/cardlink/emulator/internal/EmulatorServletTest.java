package io.cardlink.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.EngineSettings.Environment;
import io.cardlink.api.service.SettingsService;
import org.junit.jupiter.api.Test;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Karaf transport: the servlet as the HTTP Whiteboard calls it, at /emulator/*, with the configured defaults. */
class EmulatorServletTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int status, Map<String, String> headers, byte[] body) {
    }

    private static EmulatorConfig config(String... generate) {
        return (EmulatorConfig) Proxy.newProxyInstance(EmulatorConfig.class.getClassLoader(),
                new Class<?>[] {EmulatorConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "instances" -> new String[] {"remote"};
                    case "fixture" -> "";
                    case "tokenLifetimeSeconds" -> 60L;
                    case "uploadLimitBytes" -> 1024L;
                    case "generate" -> generate;
                    case "maxCards" -> 1000;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static EmulatorServlet servlet(String... generate) {
        return new EmulatorServlet(config(generate));
    }

    private static Result call(EmulatorServlet servlet, String method, String uri, String query, String token, String body)
            throws Exception {
        return call(servlet, "127.0.0.1", method, uri, query, token, body);
    }

    private static Result call(EmulatorServlet servlet, String from, String method, String uri, String query,
            String token, String body) throws Exception {
        byte[] in = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream bytes = new ByteArrayInputStream(in);
        ServletInputStream input = new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(loader(HttpServletRequest.class),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/emulator";
                    case "getQueryString" -> query;
                    case "getScheme" -> "http";
                    case "getServerName" -> "localhost";
                    case "getServerPort" -> 8181;
                    case "getHeader" -> "Authorization".equals(a[0]) ? token : null;
                    case "getInputStream" -> input;
                    case "getContentLengthLong" -> (long) in.length;
                    case "getRemoteAddr" -> from;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServletOutputStream output = new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        int[] status = {200};
        Map<String, String> headers = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(loader(HttpServletResponse.class),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) a[0];
                        case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(a[0]));
                        case "getOutputStream" -> {
                            return output;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        servlet.service(request, response);
        return new Result(status[0], headers, out.toByteArray());
    }

    private static ClassLoader loader(Class<?> type) {
        return type.getClassLoader();
    }

    @Test
    void aCfgFileListIsOneCommaSeparatedString() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new String[] {"remote:person:10:5", "remote:incident:20", "local:person:3"},
                EmulatorServlet.commaSeparated(new String[] {"remote:person:10:5, remote:incident:20", "local:person:3", " "}));
        EmulatorServlet servlet = servlet("remote:person:10:5,remote:incident:7:1");
        org.junit.jupiter.api.Assertions.assertNotNull(servlet);
    }

    @Test
    void servesTheConfiguredInstancesUnderTheWhiteboardPattern() throws Exception {
        EmulatorServlet servlet = servlet("remote:person:10:5");
        String base = "/emulator/remote/rest-api/itsm/v1";
        Result login = call(servlet, "POST", base + "/users/login", null, null, "login=webapi&password=webapi");
        assertEquals(200, login.status());
        String token = login.headers().get("Authorization");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.substring(7).split("\\.")[1]));
        assertEquals(60, claims.get("exp").asLong() - claims.get("iat").asLong());

        Result page = call(servlet, "GET", base + "/dc/person/data", "limit=1", token, "");
        assertEquals(200, page.status());
        JsonNode json = JSON.readTree(page.body());
        assertTrue(json.get("meta").get("links").get("next").asText()
                .startsWith("http://localhost:8181/emulator/remote/rest-api/itsm/v1/dc/person/data?limit=1&filterId="));

        Result stream = call(servlet, "GET", base + "/dc/person/data/stream", null, token, "");
        assertEquals(161, JSON.readTree(stream.body()).get("meta").get("count").asInt(), "fixture 151 + generated 10");
        assertEquals(null, stream.headers().get("Content-Length"), "streams are sent without a length (chunked)");

        Result patch = call(servlet, "PATCH", base + "/dc/person/data/100001", null, token,
                "{\"dataCardId\":\"100001\",\"data\":{\"email\":{\"values\":[{\"value\":\"a@b.c\"}]}}}");
        assertEquals(200, patch.status(), new String(patch.body(), StandardCharsets.UTF_8));
        assertEquals(404, call(servlet, "GET", "/emulator/local/rest-api/itsm/v1/dc", null, token, "").status(),
                "only the configured instances are served");
    }

    @Test
    void onlyThisMachineIsAnswered() throws Exception {
        EmulatorServlet servlet = servlet();
        String admin = "/emulator/remote/_admin/reset";
        Result outside = call(servlet, "192.0.2.7", "POST", admin, null, null, "");
        assertEquals(403, outside.status());
        assertTrue(new String(outside.body(), StandardCharsets.UTF_8).contains("from this machine only"));
        assertEquals(403, call(servlet, "192.0.2.7", "GET", "/emulator/remote/rest-api/itsm/v1/echo", null, null, "")
                .status());
        assertEquals(200, call(servlet, "127.0.0.1", "POST", admin, null, null, "").status());
        assertEquals(200, call(servlet, "0:0:0:0:0:0:0:1", "POST", admin, null, null, "").status());
    }

    @Test
    void generationIsBoundedPerRequestAndPerInstance() throws Exception {
        EmulatorServlet servlet = servlet();
        String generate = "/emulator/remote/_admin/generate";
        Result huge = call(servlet, "POST", generate, "template=person&count=10000000", null, "");
        assertEquals(400, huge.status());
        assertTrue(new String(huge.body(), StandardCharsets.UTF_8).contains("from 0 to 100000"));
        Result pastTheInstance = call(servlet, "POST", generate, "template=person&count=600", null, "");
        assertEquals(400, pastTheInstance.status(), "the fixture's 452 cards + 600 > maxCards 1000");
        assertTrue(new String(pastTheInstance.body(), StandardCharsets.UTF_8).contains("more than 1000 cards"));
        assertEquals(200, call(servlet, "POST", generate, "template=person&count=40", null, "").status());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> servlet("remote:person:1000"), "nor at start");
    }

    /** The engine's settings service with the given environment; the emulator asks only for the current settings. */
    private static SettingsService engineIn(AtomicReference<Environment> environment) {
        return (SettingsService) Proxy.newProxyInstance(SettingsService.class.getClassLoader(),
                new Class<?>[] {SettingsService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("current")) {
                        return new EngineSettings("http://localhost:8181/emulator/local", "/rest-api/itsm/v1",
                                environment.get(), List.of(), 6, false, "root");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theEnginesSettingsKeepItsCardsAndTokensAndProdStopsItAnswering() throws Exception {
        AtomicReference<Environment> environment = new AtomicReference<>(Environment.DEMO);
        EmulatorServlet servlet = servlet();
        String base = "/emulator/remote/rest-api/itsm/v1";
        Result login = call(servlet, "POST", base + "/users/login", null, null, "login=webapi&password=webapi");
        assertEquals(200, login.status());
        String token = login.headers().get("Authorization");
        servlet.engineSettings = engineIn(environment);
        assertEquals(200, call(servlet, "GET", base + "/dc/person/data", "limit=1", token, "").status(),
                "the same emulator, with the token it gave, once the engine is there");

        environment.set(Environment.PROD);
        Result refused = call(servlet, "GET", base + "/dc/person/data", "limit=1", token, "");
        assertEquals(503, refused.status());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("where the environment is Prod"));

        environment.set(Environment.TEST);
        assertEquals(200, call(servlet, "GET", base + "/dc/person/data", "limit=1", token, "").status());
    }
}
