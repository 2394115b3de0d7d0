package io.cardlink.rest.internal;

import java.security.Principal;
import java.util.Arrays;
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
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * The Karaf JAAS realm that checks user names and passwords, for HTTP Basic and for the console's sign-in alike, and
 * the API roles that a user's JAAS roles grant by the configured names.
 */
final class JaasRealm {
    private final String realm;
    private final Map<Role, String> roleNames;

    JaasRealm(String realm, Map<Role, String> roleNames) {
        this.realm = realm;
        this.roleNames = Map.copyOf(roleNames);
    }

    /** The caller with the roles granted to it (possibly none), or null for a wrong user name or password. */
    Caller authenticate(String user, char[] password) {
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
        } catch (LoginException e) {
            return null;
        } finally {
            Arrays.fill(password, '\0');
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
        return new Caller(user, roles);
    }

    /** The JAAS names of the given roles, quoted and sorted, for messages. */
    String names(Set<Role> roles) {
        return roles.stream().map(roleNames::get).sorted().map(name -> "'" + name + "'")
                .collect(Collectors.joining(", "));
    }
}
