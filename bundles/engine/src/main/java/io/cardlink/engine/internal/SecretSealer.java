package io.cardlink.engine.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals connector secrets with AES-256-GCM under one key, with the secret's {@link SecretAddress} as authenticated
 * data. The key id is an HMAC of a fixed text under the key: equal ids mean the same key, and the id tells nothing
 * that would help to find the key.
 */
final class SecretSealer {
    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    private SecretSealer(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("not a 256-bit key");
        }
        this.key = new SecretKeySpec(raw, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] id = mac.doFinal("cardlink secrets key id".getBytes(StandardCharsets.US_ASCII));
            this.keyId = HexFormat.of().formatHex(id, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static SecretSealer of(byte[] raw) {
        return new SecretSealer(raw);
    }

    /** A new random key. */
    static byte[] newKey() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return raw;
    }

    String keyId() {
        return keyId;
    }

    String seal(SecretAddress address, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(address.associatedData());
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] payload = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return SealedSecret.format(keyId, address.origin(), payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret failed", e);
        }
    }

    /**
     * Opens a value sealed under this key for this connector and setting, at the origin the value names; an
     * {@link IllegalStateException} when it was sealed for another address or changed since.
     */
    String open(String connectorId, String setting, SealedSecret sealed) {
        SecretAddress address = new SecretAddress(connectorId, setting, sealed.origin());
        return decrypt(sealed.payload(), address.associatedData());
    }

    /** Opens a value sealed before addresses were bound. */
    String openLegacy(SealedSecret sealed) {
        return decrypt(sealed.payload(), null);
    }

    private String decrypt(byte[] all, byte[] associatedData) {
        if (all.length <= IV_BYTES) {
            throw new IllegalStateException("a stored secret is too short to be sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not open with this key at this address", e);
        }
    }
}
