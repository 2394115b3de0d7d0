package io.cardlink.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * The file that holds the secrets key (base64 of 32 bytes), readable by its owner only, and the file a rotation
 * writes the next key to ({@code <name>.new}) before the stored secrets are sealed under it.
 */
final class SecretKeyFile {
    private final Path file;
    private final Path pending;

    SecretKeyFile(Path file) {
        this.file = file;
        this.pending = file.resolveSibling(file.getFileName() + ".new");
    }

    /** How messages name the file: its folder and name, such as {@code etc/cardlink-secrets.key}. */
    String display() {
        Path folder = file.toAbsolutePath().getParent();
        return folder == null || folder.getFileName() == null ? file.getFileName().toString()
                : folder.getFileName() + "/" + file.getFileName();
    }

    Path path() {
        return file;
    }

    /** The key, or empty when there is no file; an {@link IllegalStateException} when the file holds no key. */
    Optional<byte[]> read() {
        return read(file);
    }

    Optional<byte[]> readPending() {
        return read(pending);
    }

    /** Writes a new key to the file, which must not exist yet; false when another node or start was first. */
    boolean create(byte[] key) {
        try {
            write(file, key);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the secrets key file " + file, e);
        }
    }

    void writePending(byte[] key) {
        try {
            Files.deleteIfExists(pending);
            write(pending, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pending, e);
        }
    }

    /** Puts the pending key in place of the key, in one step. */
    void promotePending() {
        try {
            Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file + " with " + pending, e);
        }
    }

    void dropPending() {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pending, e);
        }
    }

    private Optional<byte[]> read(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(Files.readString(path, StandardCharsets.US_ASCII).trim());
            if (raw.length != SecretSealer.KEY_BYTES) {
                throw new IllegalStateException(path.getFileName() + " does not hold a 256-bit key");
            }
            return Optional.of(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(path.getFileName() + " does not hold a base64 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets key file " + path, e);
        }
    }

    private static void write(Path path, byte[] key) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        Files.write(path, Base64.getEncoder().encode(key), StandardOpenOption.TRUNCATE_EXISTING);
    }
}
