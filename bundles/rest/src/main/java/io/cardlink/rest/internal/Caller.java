package io.cardlink.rest.internal;

import java.security.Principal;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;

/**
 * The authenticated caller of a request: the JAAS user and the API roles its JAAS roles grant. Resources read it
 * from the request's {@link SecurityContext}, where {@link BasicAuthFilter} puts it.
 */
public record Caller(String user, Set<Role> roles) implements Principal {

    public Caller {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return user;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The caller of the current request; an unauthenticated request never reaches a resource. */
    static Caller of(SecurityContext security) {
        return (Caller) security.getUserPrincipal();
    }

    /** The security context of a request by this caller; {@code scheme} says how it authenticated. */
    SecurityContext securityContext(boolean secure, String scheme) {
        Caller self = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return self;
            }

            @Override
            public boolean isUserInRole(String role) {
                return self.roles.stream().anyMatch(r -> r.name().equalsIgnoreCase(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}
