package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.service.ExportImportService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExportCipherTest {
    private static final byte[] SALT = ExportCipher.newSalt();
    private static final ExportCipher RIGHT = ExportCipher.derive("correct horse battery".toCharArray(), SALT,
            ExportImportService.MIN_ITERATIONS);

    @Test
    void aSecretDecryptsWithTheSamePasswordAndSaltForTheSameConnectorAndSetting() {
        String encrypted = RIGHT.encrypt("HR sync", "remotePassword", "s3cret-value");

        assertFalse(encrypted.contains("s3cret"));
        ExportCipher again = ExportCipher.derive("correct horse battery".toCharArray(), SALT,
                ExportImportService.MIN_ITERATIONS);
        assertEquals("s3cret-value", again.decrypt("HR sync", "remotePassword", encrypted));
        assertTrue(again.opens(RIGHT.keyCheck()));
    }

    @Test
    void aWrongPasswordDoesNotOpenTheDocumentNorDecrypt() {
        String encrypted = RIGHT.encrypt("HR sync", "remotePassword", "s3cret-value");
        ExportCipher wrong = ExportCipher.derive("correct horse battery!".toCharArray(), SALT,
                ExportImportService.MIN_ITERATIONS);

        assertFalse(wrong.opens(RIGHT.keyCheck()));
        assertThrows(IllegalArgumentException.class, () -> wrong.decrypt("HR sync", "remotePassword", encrypted));
        byte[] document = "{}".getBytes(StandardCharsets.UTF_8);
        assertFalse(wrong.authentic(document, RIGHT.authenticate(document)));
    }

    @Test
    void aSecretMovedToAnotherConnectorOrSettingDoesNotDecrypt() {
        String encrypted = RIGHT.encrypt("HR sync", "remotePassword", "s3cret-value");

        assertThrows(IllegalArgumentException.class, () -> RIGHT.decrypt("Other", "remotePassword", encrypted));
        assertThrows(IllegalArgumentException.class, () -> RIGHT.decrypt("HR sync", "localPassword", encrypted));
    }

    @Test
    void eachEncryptionUsesAFreshIvAndAChangedDocumentIsNotAuthentic() {
        assertNotEquals(RIGHT.encrypt("c", "k", "same"), RIGHT.encrypt("c", "k", "same"));
        String tag = RIGHT.authenticate("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertTrue(RIGHT.authentic("{\"a\":1}".getBytes(StandardCharsets.UTF_8), tag));
        assertFalse(RIGHT.authentic("{\"a\":2}".getBytes(StandardCharsets.UTF_8), tag));
        assertFalse(RIGHT.authentic("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "not base64!"));
    }
}
