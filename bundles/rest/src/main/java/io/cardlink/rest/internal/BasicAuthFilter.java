package io.cardlink.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * HTTP Basic against a Karaf JAAS realm. The caller's JAAS roles grant API roles by the configured names; a caller
 * with none of them is refused here, and {@link AccessFilter} decides per resource method. Failures answer JSON: 401
 * (with a challenge) for missing or wrong credentials, 403 for a user without any Cardlink role.
 */
@PreMatching
public class BasicAuthFilter implements ContainerRequestFilter {
    private final String realm;
    private final Map<Role, String> roleNames;

    BasicAuthFilter(String realm, Map<Role, String> roleNames) {
        this.realm = realm;
        this.roleNames = Map.copyOf(roleNames);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            request.abortWith(challenge("authentication required (HTTP Basic)"));
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            request.abortWith(challenge("malformed Basic credentials"));
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            request.abortWith(challenge("malformed Basic credentials"));
            return;
        }
        Subject subject = login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        if (subject == null) {
            request.abortWith(challenge("wrong user name or password"));
            return;
        }
        Set<String> granted = subject.getPrincipals(RolePrincipal.class).stream()
                .map(Principal::getName)
                .collect(Collectors.toSet());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleNames.forEach((role, name) -> {
            if (granted.contains(name)) {
                roles.add(role);
            }
        });
        if (roles.isEmpty()) {
            request.abortWith(ErrorBody.response(403, "this needs one of the roles " + roleNames.values().stream()
                    .sorted().map(name -> "'" + name + "'").collect(Collectors.joining(", "))));
            return;
        }
        boolean secure = "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
        request.setSecurityContext(new Caller(decoded.substring(0, colon), roles).securityContext(secure));
    }

    private Subject login(String user, char[] password) {
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            context.login();
            return subject;
        } catch (LoginException e) {
            return null;
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private Response challenge(String message) {
        return Response.fromResponse(ErrorBody.response(401, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cardlink\"")
                .build();
    }
}
