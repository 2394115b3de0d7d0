package io.cardlink.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/**
 * Authenticates every request: HTTP Basic against the Karaf JAAS realm, or else the console's session cookie
 * ({@link SessionResource}). The caller's JAAS roles grant API roles by the configured names; a caller with none of
 * them is refused here, and {@link AccessFilter} decides per resource method. Failures answer JSON: 401 (with a
 * Basic challenge, except to the console, which says so with {@code X-Requested-With} and shows its own sign-in page
 * instead of the browser's dialog) for missing or wrong credentials, 403 for a user without any Cardlink role. The
 * sign-in request itself passes without credentials.
 */
@PreMatching
public class BasicAuthFilter implements ContainerRequestFilter {
    private final JaasRealm realm;
    private final SessionRegistry sessions;

    BasicAuthFilter(JaasRealm realm, SessionRegistry sessions) {
        this.realm = realm;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isSignIn(request)) {
            return;
        }
        boolean secure = "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String token = SessionResource.token(request.getCookies());
            Caller signedIn = sessions.find(token);
            if (signedIn != null) {
                request.setSecurityContext(signedIn.securityContext(secure, SecurityContext.FORM_AUTH));
            } else {
                request.abortWith(challenge(request, token == null ? "authentication required (HTTP Basic)"
                        : "the session has ended: sign in again"));
            }
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            request.abortWith(challenge(request, "malformed Basic credentials"));
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            request.abortWith(challenge(request, "malformed Basic credentials"));
            return;
        }
        Caller caller = realm.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        if (caller == null) {
            request.abortWith(challenge(request, "wrong user name or password"));
            return;
        }
        if (caller.roles().isEmpty()) {
            request.abortWith(ErrorBody.response(403, "this needs one of the roles "
                    + realm.names(EnumSet.allOf(Role.class))));
            return;
        }
        request.setSecurityContext(caller.securityContext(secure, SecurityContext.BASIC_AUTH));
    }

    private static boolean isSignIn(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return HttpMethod.POST.equals(request.getMethod())
                && ("session".equals(path) || "/session".equals(path));
    }

    private static Response challenge(ContainerRequestContext request, String message) {
        Response refusal = ErrorBody.response(401, message);
        if ("XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"))) {
            return refusal;
        }
        return Response.fromResponse(refusal)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cardlink\"")
                .build();
    }
}
