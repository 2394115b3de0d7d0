package io.cardlink.accounts.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What Cardlink needs to know of the realm's {@code users.properties} before it writes there: whether Karaf still has
 * clear passwords to hash. Karaf hashes them by rewriting the whole file from its own read of it, and a write of ours
 * in between is lost, so the first administrator is made only once that is done.
 */
final class UsersFile {
    private static final String GROUP_KEY_PREFIX = "_g_:";

    private final Path file;
    private final String prefix;
    private final String suffix;

    private UsersFile(Path file, String prefix, String suffix) {
        this.file = file;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** The users file of a properties realm whose passwords Karaf hashes, from its login module's options. */
    static Optional<UsersFile> hashedBy(Map<String, ?> options) {
        Object users = options.get("users");
        if (users == null || !Boolean.parseBoolean(String.valueOf(options.get("encryption.enabled")))) {
            return Optional.empty();
        }
        return Optional.of(new UsersFile(Path.of(users.toString()), option(options, "encryption.prefix"),
                option(options, "encryption.suffix")));
    }

    /** True while a user's password in the file is not yet flagged as hashed (or the file can't be read yet). */
    boolean hasClearPasswords() {
        Properties entries = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            entries.load(reader);
        } catch (IOException e) {
            return true;
        }
        for (String user : entries.stringPropertyNames()) {
            if (user.startsWith(GROUP_KEY_PREFIX)) {
                continue;
            }
            String password = entries.getProperty(user).split(",", 2)[0].trim();
            if (!(password.startsWith(prefix) && password.endsWith(suffix))) {
                return true;
            }
        }
        return false;
    }

    private static String option(Map<String, ?> options, String name) {
        Object value = options.get(name);
        return value == null ? "{CRYPT}" : value.toString();
    }
}
