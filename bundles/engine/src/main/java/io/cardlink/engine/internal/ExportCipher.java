package io.cardlink.engine.internal;

import io.cardlink.api.service.ExportImportService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one export document, derived from the operator's password: PBKDF2-HMAC-SHA256 gives one 256-bit
 * master key, and HMAC-SHA256 of the master key over fixed labels gives three independent values: the AES-256-GCM
 * key of the secrets, the HMAC key that authenticates the whole document, and a key check that tells a wrong
 * password from a changed document. A secret's GCM additional data is its connector's name and its setting key, so
 * a secret moved to another connector or setting does not decrypt.
 */
final class ExportCipher {
    static final String KDF = "PBKDF2WithHmacSHA256";
    static final String CIPHER = "AES-256-GCM";
    static final int SALT_BYTES = 16;
    /** The most iterations an import accepts: a document can't make the engine work for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;
    private final byte[] keyCheck;

    private ExportCipher(byte[] master) {
        this.encryptionKey = new SecretKeySpec(hmac(master, "cardlink-export encryption"), "AES");
        this.macKey = new SecretKeySpec(hmac(master, "cardlink-export authentication"), "HmacSHA256");
        this.keyCheck = hmac(master, "cardlink-export key check");
    }

    static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** Derives the keys; this takes about a second by design (see {@link ExportImportService#MIN_ITERATIONS}). */
    static ExportCipher derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        byte[] master = null;
        try {
            master = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            return new ExportCipher(master);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KDF + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
            if (master != null) {
                Arrays.fill(master, (byte) 0);
            }
        }
    }

    String keyCheck() {
        return Base64.getEncoder().encodeToString(keyCheck);
    }

    /** Whether these keys are the ones the document was made with, that is, whether the password is right. */
    boolean opens(String documentKeyCheck) {
        return documentKeyCheck != null && MessageDigest.isEqual(keyCheck, decode(documentKeyCheck));
    }

    /** base64(iv || ciphertext with tag). */
    String encrypt(String connector, String setting, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(additionalData(connector, setting));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting a secret for the export failed", e);
        }
    }

    /** The secret in clear; an {@link IllegalArgumentException} when it was not encrypted with these keys for it. */
    String decrypt(String connector, String setting, String encrypted) {
        byte[] all = decode(encrypted);
        if (all.length <= IV_BYTES) {
            throw new IllegalArgumentException("too short to be an encrypted secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(additionalData(connector, setting));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("does not decrypt with this password", e);
        }
    }

    /** The HMAC-SHA256 of a document's canonical form, base64. */
    String authenticate(byte[] canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    boolean authentic(byte[] canonical, String authentication) {
        return authentication != null
                && MessageDigest.isEqual(decode(authenticate(canonical)), decode(authentication));
    }

    private static byte[] additionalData(String connector, String setting) {
        return (connector + '\u0000' + setting).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
