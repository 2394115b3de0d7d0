package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

/** The filter's decisions that need no JAAS login: sign-in, session cookies and the Basic challenge. */
class BasicAuthFilterTest {
    private final SessionRegistry sessions = new SessionRegistry(Duration.ofMinutes(30), Clock.systemUTC());
    private final BasicAuthFilter filter = new BasicAuthFilter(new JaasRealm("karaf",
            Map.of(Role.ADMIN, "admin", Role.VIEWER, "cardlink-viewer", Role.WORKFLOW, "cardlink-workflow"),
            Duration.ofSeconds(10)), sessions);

    /** What the filter did to one request. */
    private static final class Outcome {
        Response aborted;
        SecurityContext security;
    }

    private Outcome filter(String method, String path, Map<String, String> headers, Map<String, Cookie> cookies) {
        Outcome outcome = new Outcome();
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getPath" -> path;
                    case "getRequestUri" -> URI.create("http://localhost:8181/cardlink/api/v1/" + path);
                    default -> throw new UnsupportedOperationException(called.getName());
                });
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    case "getCookies" -> cookies;
                    case "abortWith" -> {
                        outcome.aborted = (Response) args[0];
                        yield null;
                    }
                    case "setSecurityContext" -> {
                        outcome.security = (SecurityContext) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(called.getName());
                });
        filter.filter(request);
        return outcome;
    }

    @Test
    void theSignInPassesWithoutCredentials() {
        Outcome signIn = filter("POST", "session", Map.of(), Map.of());
        assertNull(signIn.aborted);
        assertNull(signIn.security, "the sign-in resource checks the credentials itself");
        assertEquals(401, filter("GET", "session", Map.of(), Map.of()).aborted.getStatus());
        assertEquals(401, filter("DELETE", "session", Map.of(), Map.of()).aborted.getStatus());
    }

    @Test
    void aSessionCookieAuthenticatesItsCaller() {
        Caller viewer = new Caller("vera", Set.of(Role.VIEWER));
        String token = sessions.open(viewer);
        Outcome outcome = filter("GET", "connectors", Map.of(), cookie(token));
        assertNull(outcome.aborted);
        assertEquals(viewer, outcome.security.getUserPrincipal());
        assertEquals(SecurityContext.FORM_AUTH, outcome.security.getAuthenticationScheme());

        sessions.close(token);
        Response ended = filter("GET", "connectors", Map.of(), cookie(token)).aborted;
        assertEquals(401, ended.getStatus());
        assertEquals("the session has ended: sign in again", ((ErrorBody) ended.getEntity()).message());
    }

    @Test
    void theConsoleGetsNoBasicChallengeSoThatTheBrowserShowsNoDialog() {
        Response script = filter("GET", "connectors", Map.of(), Map.of()).aborted;
        assertEquals(401, script.getStatus());
        assertEquals("Basic realm=\"cardlink\"", script.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));

        Response console = filter("GET", "connectors", Map.of("X-Requested-With", "XMLHttpRequest"), Map.of())
                .aborted;
        assertEquals(401, console.getStatus());
        assertNull(console.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertTrue(((ErrorBody) console.getEntity()).message().contains("authentication required"));
    }

    private static Map<String, Cookie> cookie(String token) {
        Map<String, Cookie> cookies = new HashMap<>();
        cookies.put(SessionResource.COOKIE, new Cookie(SessionResource.COOKIE, token));
        return cookies;
    }
}
