package io.cardlink.rest.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 *
 * <p>A JAAS login costs a few milliseconds of CPU (the realm's password digest, its users file read again), more than
 * most requests cost otherwise, and a workflow engine sends the same credentials with every call. So a login that
 * succeeded is remembered for {@code remember}: the caller's next requests with the same user name and password skip
 * it. Only a keyed digest of the password is kept (HMAC-SHA256 under a key made at start, never stored), a wrong
 * password is never remembered (each one goes to the realm), and a changed password or role takes effect after at
 * most {@code remember}.
 */
final class JaasRealm {
    /** Enough for every caller of one installation; past it the remembered logins start over. */
    static final int MAX_REMEMBERED = 1_000;

    /** Checks a user name and password with the realm: the JAAS role names granted, or null when refused. */
    interface Login {
        Set<String> roles(String user, char[] password);
    }

    private record Remembered(Caller caller, long untilNanos) {
    }

    private final Login login;
    private final Map<Role, String> roleNames;
    private final long rememberNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final SecretKeySpec digestKey;

    JaasRealm(String realm, Map<Role, String> roleNames, Duration remember) {
        this(jaas(realm), roleNames, remember, System::nanoTime);
    }

    JaasRealm(Login login, Map<Role, String> roleNames, Duration remember, LongSupplier nanoClock) {
        this.login = login;
        this.roleNames = Map.copyOf(roleNames);
        this.rememberNanos = remember.toNanos();
        this.nanoClock = nanoClock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.digestKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The caller with the roles granted to it (possibly none), or null for a wrong user name or password. */
    Caller authenticate(String user, char[] password) {
        try {
            String digest = rememberNanos > 0 ? digest(user, password) : null;
            long now = nanoClock.getAsLong();
            Remembered known = digest == null ? null : remembered.get(digest);
            if (known != null && now - known.untilNanos() < 0) {
                return known.caller();
            }
            Set<String> granted = login.roles(user, password);
            if (granted == null) {
                return null;
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            roleNames.forEach((role, name) -> {
                if (granted.contains(name)) {
                    roles.add(role);
                }
            });
            Caller caller = new Caller(user, roles);
            if (digest != null) {
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(digest, new Remembered(caller, now + rememberNanos));
            }
            return caller;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The JAAS names of the given roles, quoted and sorted, for messages. */
    String names(Set<Role> roles) {
        return roles.stream().map(roleNames::get).sorted().map(name -> "'" + name + "'")
                .collect(Collectors.joining(", "));
    }

    private String digest(String user, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            mac.update(bytes);
            Arrays.fill(bytes.array(), (byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static Login jaas(String realm) {
        return (user, password) -> {
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
            }
            return subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName)
                    .collect(Collectors.toSet());
        };
    }
}
