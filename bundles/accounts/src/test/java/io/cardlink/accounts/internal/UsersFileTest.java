package io.cardlink.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path etc;

    @Test
    void aClearPasswordIsSeenUntilKarafHasHashedIt() throws Exception {
        Path file = etc.resolve("users.properties");
        Files.writeString(file, "_g_\\:admingroup = group,admin\nviewer = Clear-Pa55,_g_\\:viewers\n");
        UsersFile users = UsersFile.hashedBy(options(file, "true")).orElseThrow();

        assertTrue(users.hasClearPasswords());

        Files.writeString(file, "_g_\\:admingroup = group,admin\nviewer = {CRYPT}ab12{CRYPT},_g_\\:viewers\n");
        assertFalse(users.hasClearPasswords());
    }

    @Test
    void aFileOfGroupsOnlyHasNoClearPassword() throws Exception {
        Path file = etc.resolve("users.properties");
        Files.writeString(file, "_g_\\:admingroup = group,admin,manager\n");

        assertFalse(UsersFile.hashedBy(options(file, "true")).orElseThrow().hasClearPasswords());
    }

    @Test
    void withoutHashingThereIsNothingToWaitFor() {
        assertTrue(UsersFile.hashedBy(options(etc.resolve("users.properties"), "false")).isEmpty());
    }

    private static Map<String, Object> options(Path file, String encryption) {
        return Map.of("users", file.toString(), "encryption.enabled", encryption, "encryption.prefix", "{CRYPT}",
                "encryption.suffix", "{CRYPT}");
    }
}
