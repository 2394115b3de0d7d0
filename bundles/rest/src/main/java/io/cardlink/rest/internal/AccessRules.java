package io.cardlink.rest.internal;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;

/** Which roles may call a resource method: {@link Role#ADMIN} always, the others as {@link Allowed} says. */
final class AccessRules {

    private AccessRules() {
    }

    static Set<Role> allowed(Class<?> resource, Method method) {
        Set<Role> roles = EnumSet.of(Role.ADMIN);
        Allowed declared = method.getAnnotation(Allowed.class);
        if (declared == null) {
            declared = resource.getAnnotation(Allowed.class);
        }
        if (declared != null) {
            roles.addAll(Set.of(declared.value()));
        } else if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(HEAD.class)) {
            roles.add(Role.VIEWER);
        }
        return roles;
    }

    static boolean permits(Caller caller, Set<Role> allowed) {
        return caller.roles().stream().anyMatch(allowed::contains);
    }
}
