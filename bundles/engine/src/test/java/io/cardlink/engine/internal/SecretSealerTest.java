package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
    private static final SecretAddress HR_REMOTE = new SecretAddress("c-1", "remotePassword", "https://hr.example.com:443");

    private final SecretSealer sealer = SecretSealer.of(SecretSealer.newKey());

    @Test
    void sealsSoThatOnlyTheSameKeyOpens() {
        String sealed = sealer.seal(HR_REMOTE, "Pa55word!");
        assertTrue(sealed.startsWith("v2:" + sealer.keyId() + ":"), sealed);
        assertFalse(sealed.contains("Pa55word"));
        assertNotEquals(sealed, sealer.seal(HR_REMOTE, "Pa55word!"), "a fresh IV each time");
        assertEquals("Pa55word!", sealer.open("c-1", "remotePassword", SealedSecret.parse(sealed)));

        SecretSealer otherNode = SecretSealer.of(SecretSealer.newKey());
        assertNotEquals(sealer.keyId(), otherNode.keyId());
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
                () -> otherNode.open("c-1", "remotePassword", SealedSecret.parse(sealed)));
        assertFalse(wrongKey.getMessage().contains("Pa55word"));
    }

    @Test
    void theSameKeyHasTheSameIdAndTheIdIsNotTheKey() {
        byte[] key = SecretSealer.newKey();
        assertEquals(SecretSealer.of(key).keyId(), SecretSealer.of(key.clone()).keyId());
        assertEquals(16, SecretSealer.of(key).keyId().length());
        assertFalse(Base64.getEncoder().encodeToString(key).contains(SecretSealer.of(key).keyId()));
    }

    @Test
    void aValueOpensOnlyForTheConnectorSettingAndOriginItWasSealedFor() {
        SealedSecret sealed = SealedSecret.parse(sealer.seal(HR_REMOTE, "secret"));
        assertEquals("https://hr.example.com:443", sealed.origin());
        assertThrows(IllegalStateException.class, () -> sealer.open("c-2", "remotePassword", sealed),
                "moved onto another connector");
        assertThrows(IllegalStateException.class, () -> sealer.open("c-1", "localPassword", sealed),
                "moved onto another setting");
        SealedSecret elsewhere = new SealedSecret(2, sealed.keyId(), "https://attacker.example.net:443",
                sealed.payload());
        assertThrows(IllegalStateException.class, () -> sealer.open("c-1", "remotePassword", elsewhere),
                "relabelled with another origin");
    }

    @Test
    void aTamperedOrMalformedValueIsRefused() {
        SealedSecret sealed = SealedSecret.parse(sealer.seal(HR_REMOTE, "secret"));
        byte[] payload = sealed.payload().clone();
        payload[payload.length - 1] ^= 1;
        SealedSecret tampered = new SealedSecret(2, sealed.keyId(), sealed.origin(), payload);
        assertThrows(IllegalStateException.class, () -> sealer.open("c-1", "remotePassword", tampered));
        assertThrows(IllegalArgumentException.class, () -> SealedSecret.parse("plain text"));
        assertThrows(IllegalArgumentException.class, () -> SealedSecret.parse("v2:only-two:parts"));
    }
}
