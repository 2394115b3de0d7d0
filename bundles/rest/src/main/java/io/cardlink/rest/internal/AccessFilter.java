package io.cardlink.rest.internal;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

/**
 * After the request is matched to a resource method: lets the caller through when one of its roles may call that
 * method ({@link AccessRules}), and otherwise answers 403 naming the JAAS roles that may. Runs after
 * {@link BasicAuthFilter}, which JAX-RS runs first as a pre-matching filter.
 */
public class AccessFilter implements ContainerRequestFilter {
    private final Map<Role, String> roleNames;

    @Context
    private ResourceInfo resource;

    AccessFilter(Map<Role, String> roleNames) {
        this.roleNames = Map.copyOf(roleNames);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource == null || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(Unauthenticated.class)) {
            return;
        }
        Set<Role> allowed = AccessRules.allowed(resource.getResourceClass(), resource.getResourceMethod());
        Caller caller = Caller.of(request.getSecurityContext());
        if (caller == null || !AccessRules.permits(caller, allowed)) {
            String names = allowed.stream().sorted().map(role -> "'" + roleNames.get(role) + "'")
                    .collect(Collectors.joining(" or "));
            request.abortWith(ErrorBody.response(403, "this needs the role " + names));
        }
    }
}
