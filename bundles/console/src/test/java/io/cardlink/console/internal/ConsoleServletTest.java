package io.cardlink.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class ConsoleServletTest {
    private final ConsoleServlet servlet = new ConsoleServlet(new ConsoleFiles(name -> ConsoleServletTest.class
            .getClassLoader().getResourceAsStream(ConsoleFiles.ROOT + name)), "/cardlink/api/v1");

    /** What the servlet answered. */
    private static final class Answer {
        int status = 200;
        String redirect;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String pathInfo, Map<String, String> headers) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/cardlink/console";
                    case "getPathInfo" -> pathInfo;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                answer.body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "sendError" -> answer.status = (Integer) args[0];
                        case "sendRedirect" -> {
                            answer.status = 302;
                            answer.redirect = (String) args[0];
                        }
                        case "setContentType" -> answer.contentType = (String) args[0];
                        case "setContentLength" -> answer.headers.put("Content-Length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        servlet.doGet(request, response);
        return answer;
    }

    @Test
    void everyViewUrlGetsThePageSoThatLinksCanBeCopied() throws Exception {
        for (String view : new String[] {"/", "/connectors/abc/edit", "/runs/xyz", "/settings"}) {
            Answer page = get(view, Map.of());
            assertEquals(200, page.status, view);
            assertEquals("text/html; charset=utf-8", page.contentType);
            assertTrue(page.text().contains("<base href=\"/cardlink/console/\">"), view);
            assertEquals("no-store", page.headers.get("Cache-Control"));
        }
        Answer bare = get(null, Map.of());
        assertEquals(302, bare.status);
        assertEquals("/cardlink/console/", bare.redirect);
    }

    @Test
    void theBrowserMayRunOnlyTheConsolesOwnScripts() throws Exception {
        Answer script = get("/js/main.js", Map.of());
        assertEquals(200, script.status);
        assertEquals("text/javascript; charset=utf-8", script.contentType);
        String policy = script.headers.get("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", script.headers.get("X-Content-Type-Options"));
        assertEquals("no-cache", script.headers.get("Cache-Control"));
    }

    @Test
    void anUnchangedAssetIsNotSentAgainAndAMissingOneIs404() throws Exception {
        String etag = get("/console.css", Map.of()).headers.get("ETag");
        Answer again = get("/console.css", Map.of("If-None-Match", etag));
        assertEquals(304, again.status);
        assertEquals(0, again.body.size());
        Answer missing = get("/js/nothing.js", Map.of());
        assertEquals(404, missing.status);
        assertNull(missing.contentType);
    }
}
