package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {

    @TempDir
    Path dir;

    @Test
    void sealsSoThatOnlyTheSameKeyOpens() {
        Path keyFile = dir.resolve("etc/cardlink-secrets.key");
        SecretSealer sealer = SecretSealer.fromKeyFile(keyFile);
        String sealed = sealer.seal("Pa55word!");
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("Pa55word"));
        assertNotEquals(sealed, sealer.seal("Pa55word!"), "a fresh IV each time");
        assertEquals("Pa55word!", sealer.unseal(sealed));
        assertEquals("Pa55word!", SecretSealer.fromKeyFile(keyFile).unseal(sealed), "the key survives a restart");

        SecretSealer otherNode = SecretSealer.fromKeyFile(dir.resolve("other.key"));
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class, () -> otherNode.unseal(sealed));
        assertFalse(wrongKey.getMessage().contains("Pa55word"));
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        Path keyFile = dir.resolve("cardlink-secrets.key");
        SecretSealer.fromKeyFile(keyFile);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void aTamperedSecretIsRefused() {
        SecretSealer sealer = SecretSealer.fromKeyFile(dir.resolve("k.key"));
        String sealed = sealer.seal("secret");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(IllegalStateException.class, () -> sealer.unseal(tampered));
        assertThrows(IllegalArgumentException.class, () -> sealer.unseal("plain text"));
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefused() throws Exception {
        Path keyFile = dir.resolve("short.key");
        Files.writeString(keyFile, "c2hvcnQ=");
        assertThrows(IllegalStateException.class, () -> SecretSealer.fromKeyFile(keyFile));
    }
}
