package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A login the realm accepted is remembered for a while; a refused one never is. */
class JaasRealmTest {
    private static final Map<Role, String> ROLES = Map.of(Role.ADMIN, "admin", Role.WORKFLOW, "cardlink-workflow");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final List<String> logins = new ArrayList<>();
    private Map<String, String> passwords = Map.of("wf", "secret-1");
    private Set<String> workflowRoles = Set.of("cardlink-workflow");

    private JaasRealm realm(Duration remember) {
        return new JaasRealm((user, password) -> {
            logins.add(user);
            return new String(password).equals(passwords.get(user)) ? workflowRoles : null;
        }, ROLES, remember, nanos::get);
    }

    @Test
    void theSameCredentialsWithinTheTimeSkipTheLoginAndAfterItLogInAgain() {
        JaasRealm realm = realm(Duration.ofSeconds(10));
        assertEquals(new Caller("wf", Set.of(Role.WORKFLOW)), realm.authenticate("wf", "secret-1".toCharArray()));
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(new Caller("wf", Set.of(Role.WORKFLOW)), realm.authenticate("wf", "secret-1".toCharArray()));
        assertEquals(List.of("wf"), logins, "the second request within 10 s did not log in");

        passwords = Map.of("wf", "secret-2");
        workflowRoles = Set.of("admin");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertNull(realm.authenticate("wf", "secret-1".toCharArray()), "the old password, once its time is over");
        assertEquals(new Caller("wf", Set.of(Role.ADMIN)), realm.authenticate("wf", "secret-2".toCharArray()),
                "the new password with the roles of now");
        assertEquals(3, logins.size());
    }

    @Test
    void aWrongPasswordIsNeverRememberedNorDoesItReachTheRememberedCaller() {
        JaasRealm realm = realm(Duration.ofSeconds(10));
        realm.authenticate("wf", "secret-1".toCharArray());
        assertNull(realm.authenticate("wf", "secret-x".toCharArray()));
        assertNull(realm.authenticate("wf", "secret-x".toCharArray()));
        assertNull(realm.authenticate("other", "secret-1".toCharArray()), "another user with the same password");
        assertEquals(List.of("wf", "wf", "wf", "other"), logins, "each refused attempt went to the realm");
    }

    @Test
    void zeroSecondsLogsInEveryRequestAndThePasswordIsClearedAfterUse() {
        JaasRealm realm = realm(Duration.ZERO);
        char[] password = "secret-1".toCharArray();
        realm.authenticate("wf", password);
        realm.authenticate("wf", "secret-1".toCharArray());
        assertEquals(2, logins.size());
        assertEquals("\0".repeat(8), new String(password));
    }
}
