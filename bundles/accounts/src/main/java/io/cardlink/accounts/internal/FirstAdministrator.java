package io.cardlink.accounts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;

/**
 * The first administrator of a distribution that ships without a usable password: when no user of the realm has
 * the admin role, the user {@value #USER} is made with the password from {@code CARDLINK_ADMIN_PASSWORD}, or with a
 * generated one written to a file only its owner can read. The realm's backing engine stores the password as the
 * realm stores every password (hashed, when the realm's encryption is on).
 */
final class FirstAdministrator {
    static final String USER = "admin";
    static final String ADMIN_ROLE = "admin";
    static final String ADMIN_GROUP = "admingroup";
    static final String PASSWORD_VARIABLE = "CARDLINK_ADMIN_PASSWORD";
    /** No 0/O, 1/l/I: a password read off a screen is typed right the first time. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 24;

    /** What happened, for the log. */
    enum Outcome { ALREADY_THERE, FROM_VARIABLE, GENERATED }

    /**
     * A user that no real account can be: the realm's group lines start with this prefix, and a rewrite of the
     * users file that read it half-written leaves one behind as a user.
     */
    static final String GROUP_PREFIX_AS_USER = "_g_";

    private final BackingEngine users;
    private final Optional<String> fromVariable;
    private final Path passwordFile;
    private String password;

    FirstAdministrator(BackingEngine users, Optional<String> fromVariable, Path passwordFile) {
        this.users = users;
        this.fromVariable = fromVariable.filter(value -> !value.isBlank());
        this.passwordFile = passwordFile;
    }

    Outcome ensure() {
        if (anAdministratorExists()) {
            return Outcome.ALREADY_THERE;
        }
        password = fromVariable.orElseGet(FirstAdministrator::generated);
        if (fromVariable.isEmpty()) {
            // written before the user exists: a user whose password nobody can read would lock everyone out
            write(password);
        }
        users.addUser(USER, password);
        users.addGroup(USER, ADMIN_GROUP);
        return fromVariable.isPresent() ? Outcome.FROM_VARIABLE : Outcome.GENERATED;
    }

    /**
     * Puts back, in {@code current} (a fresh read of the realm's users), what a concurrent rewrite of the users file
     * took from the administrator that {@link #ensure()} made: Karaf rewrites the whole file when it hashes a clear
     * password (at a user's login, and when the file changes), from a read that may predate or cut through our
     * writes. Returns what it repaired; empty when all was well or when {@link #ensure()} made nobody.
     */
    List<String> repair(BackingEngine current) {
        List<String> repaired = new ArrayList<>();
        if (password == null) {
            return repaired;
        }
        if (current.lookupUser(GROUP_PREFIX_AS_USER) != null) {
            current.deleteUser(GROUP_PREFIX_AS_USER);
            repaired.add("removed the stray user '" + GROUP_PREFIX_AS_USER + "'");
        }
        UserPrincipal admin = current.lookupUser(USER);
        if (admin == null) {
            current.addUser(USER, password);
            repaired.add("made the user '" + USER + "' again");
        }
        boolean inGroup = admin != null && current.listGroups(admin).stream().map(GroupPrincipal::getName)
                .anyMatch(ADMIN_GROUP::equals);
        if (!inGroup) {
            current.addGroup(USER, ADMIN_GROUP);
            repaired.add("put '" + USER + "' back into the group '" + ADMIN_GROUP + "'");
        }
        return repaired;
    }

    private boolean anAdministratorExists() {
        for (UserPrincipal user : users.listUsers()) {
            if (hasAdminRole(user)) {
                return true;
            }
            for (GroupPrincipal group : users.listGroups(user)) {
                if (hasAdminRole(group)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean hasAdminRole(Principal principal) {
        return users.listRoles(principal).stream().map(RolePrincipal::getName).anyMatch(ADMIN_ROLE::equals);
    }

    static String generated() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private void write(String password) {
        try {
            if (passwordFile.getParent() != null) {
                Files.createDirectories(passwordFile.getParent());
            }
            Files.deleteIfExists(passwordFile);
            if (passwordFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(passwordFile,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(passwordFile);
            }
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator's password to " + passwordFile, e);
        }
    }
}
