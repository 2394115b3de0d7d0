package io.cardlink.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals connector secrets with AES-256-GCM under a key kept in a file readable by its owner only. The key is
 * generated at first start. A sealed value is {@code v1:} + base64(iv || ciphertext+tag); the version prefix leaves
 * room for key rotation.
 */
final class SecretSealer {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretSealer(SecretKey key) {
        this.key = key;
    }

    /** Loads the key from {@code keyFile}, creating it (owner read/write only) when it does not exist. */
    static SecretSealer fromKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (raw.length != 32) {
                throw new IllegalStateException("the secret key file " + keyFile + " does not hold a 256-bit key");
            }
            return new SecretSealer(new SecretKeySpec(raw, "AES"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + keyFile, e);
        }
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            byte[] encoded = Base64.getEncoder().encode(generator.generateKey().getEncoded());
            if (keyFile.getParent() != null) {
                Files.createDirectories(keyFile.getParent());
            }
            boolean posix = keyFile.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(keyFile);
            }
            Files.write(keyFile, encoded, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // another node or start created it first: use theirs
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }

    String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret failed", e);
        }
    }

    String unseal(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret can't be decrypted with this node's key", e);
        }
    }
}
