package io.cardlink.esm.client;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trust store that holds the certificates (or their CA) of an instance whose certificate the JDK's default
 * trust does not cover. Hostnames are still verified.
 */
public final class TrustStore {
    private final Path path;
    private final String type;
    private final char[] password;

    /**
     * @param path     the store file
     * @param type     the KeyStore type, such as {@code PKCS12} or {@code JKS}
     * @param password the store password, or null when it has none
     */
    public TrustStore(Path path, String type, char[] password) {
        this.path = Objects.requireNonNull(path, "path");
        this.type = type == null || type.isBlank() ? "PKCS12" : type;
        this.password = password == null ? null : password.clone();
    }

    public Path path() {
        return path;
    }

    public String type() {
        return type;
    }

    /** A copy of the password, or null. */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustStore other && path.equals(other.path) && type.equals(other.type)
                && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type);
    }

    @Override
    public String toString() {
        return "TrustStore[path=" + path + ", type=" + type + "]";
    }
}
