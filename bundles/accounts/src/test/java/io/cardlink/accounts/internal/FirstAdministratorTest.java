package io.cardlink.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdministratorTest {

    @TempDir
    Path etc;

    private final Users users = new Users();

    @Test
    void withoutAnAdministratorOneIsMadeWithAGeneratedPasswordInAnOwnerOnlyFile() throws Exception {
        Path file = etc.resolve("cardlink-admin.password");
        assertEquals(FirstAdministrator.Outcome.GENERATED,
                new FirstAdministrator(users, Optional.empty(), file).ensure());

        String password = Files.readString(file).trim();
        assertEquals(24, password.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(password, users.passwords.get("admin"));
        assertEquals(List.of("admingroup"), users.groupsOf.get("admin"));
        assertTrue(!password.equals(FirstAdministrator.generated()), "not a constant");
    }

    @Test
    void thePasswordComesFromTheVariableWhenItIsSetAndNoFileIsWritten() {
        Path file = etc.resolve("cardlink-admin.password");
        assertEquals(FirstAdministrator.Outcome.FROM_VARIABLE,
                new FirstAdministrator(users, Optional.of("Chosen-by-the-operator-1"), file).ensure());
        assertEquals("Chosen-by-the-operator-1", users.passwords.get("admin"));
        assertFalse(Files.exists(file));
    }

    @Test
    void nothingChangesWhenAUserHasTheAdminRoleDirectlyOrThroughAGroup() {
        users.groupRoles.put("ops", List.of("admin"));
        users.passwords.put("olga", "{CRYPT}hash{CRYPT}");
        users.groupsOf.put("olga", List.of("ops"));
        Path file = etc.resolve("cardlink-admin.password");
        assertEquals(FirstAdministrator.Outcome.ALREADY_THERE,
                new FirstAdministrator(users, Optional.of("ignored-Pa55"), file).ensure());
        assertFalse(users.passwords.containsKey("admin"));
        assertFalse(Files.exists(file));
    }

    @Test
    void aRewriteOfTheUsersFileThatLostTheGroupOrLeftAStrayUserIsRepaired() {
        Path file = etc.resolve("cardlink-admin.password");
        FirstAdministrator administrator = new FirstAdministrator(users, Optional.of("Chosen-Pa55word"), file);
        administrator.ensure();
        Users rewritten = new Users();
        rewritten.passwords.put("admin", users.passwords.get("admin"));
        rewritten.passwords.put(FirstAdministrator.GROUP_PREFIX_AS_USER, "{CRYPT}garbage{CRYPT}");

        assertEquals(2, administrator.repair(rewritten).size());

        assertEquals(List.of("admingroup"), rewritten.groupsOf.get("admin"));
        assertFalse(rewritten.passwords.containsKey(FirstAdministrator.GROUP_PREFIX_AS_USER));
        assertEquals(List.of(), administrator.repair(rewritten), "nothing left to repair");
    }

    @Test
    void anAdministratorLostByARewriteIsMadeAgainWithTheSamePassword() {
        Path file = etc.resolve("cardlink-admin.password");
        FirstAdministrator administrator = new FirstAdministrator(users, Optional.empty(), file);
        administrator.ensure();
        Users rewritten = new Users();

        administrator.repair(rewritten);

        assertEquals(users.passwords.get("admin"), rewritten.passwords.get("admin"));
        assertEquals(List.of("admingroup"), rewritten.groupsOf.get("admin"));
    }

    @Test
    void anAdministratorMadeByOthersIsNeverRepaired() {
        users.groupRoles.put("ops", List.of("admin"));
        users.passwords.put("olga", "{CRYPT}hash{CRYPT}");
        users.groupsOf.put("olga", List.of("ops"));
        FirstAdministrator administrator = new FirstAdministrator(users, Optional.of("ignored-Pa55"),
                etc.resolve("cardlink-admin.password"));
        administrator.ensure();
        Users rewritten = new Users();

        assertEquals(List.of(), administrator.repair(rewritten));
        assertTrue(rewritten.passwords.isEmpty());
    }

    /** A users file in memory; roles as Karaf keeps them: per user, and per group through membership. */
    private static final class Users implements BackingEngine {
        final Map<String, String> passwords = new LinkedHashMap<>();
        final Map<String, List<String>> groupsOf = new LinkedHashMap<>();
        final Map<String, List<String>> groupRoles = new LinkedHashMap<>();
        final Map<String, List<String>> userRoles = new LinkedHashMap<>();

        @Override
        public void addUser(String username, String password) {
            passwords.put(username, password);
        }

        @Override
        public List<UserPrincipal> listUsers() {
            return passwords.keySet().stream().map(UserPrincipal::new).toList();
        }

        @Override
        public UserPrincipal lookupUser(String username) {
            return passwords.containsKey(username) ? new UserPrincipal(username) : null;
        }

        @Override
        public List<GroupPrincipal> listGroups(UserPrincipal user) {
            return groupsOf.getOrDefault(user.getName(), List.of()).stream().map(GroupPrincipal::new).toList();
        }

        @Override
        public Map<GroupPrincipal, String> listGroups() {
            return Map.of();
        }

        @Override
        public void addGroup(String username, String group) {
            groupsOf.computeIfAbsent(username, u -> new ArrayList<>()).add(group);
        }

        @Override
        public List<RolePrincipal> listRoles(Principal principal) {
            Map<String, List<String>> roles = principal instanceof GroupPrincipal ? groupRoles : userRoles;
            return roles.getOrDefault(principal.getName(), List.of()).stream().map(RolePrincipal::new).toList();
        }

        @Override
        public void deleteUser(String username) {
            passwords.remove(username);
            groupsOf.remove(username);
        }

        @Override
        public void createGroup(String group) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteGroup(String username, String group) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addRole(String username, String role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteRole(String username, String role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addGroupRole(String group, String role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteGroupRole(String group, String role) {
            throw new UnsupportedOperationException();
        }
    }
}
