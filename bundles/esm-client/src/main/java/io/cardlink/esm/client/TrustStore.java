package io.cardlink.esm.client;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trust store that holds the certificates (or their CA) of an instance whose certificate the JDK's default
 * trust does not cover: a store file, or certificates given as PEM text ({@link #pem}). Either replaces the default
 * trust for that instance. Hostnames are still verified.
 */
public final class TrustStore {
    private final Path path;
    private final String type;
    private final char[] password;
    private final String pem;

    /**
     * @param path     the store file
     * @param type     the KeyStore type, such as {@code PKCS12} or {@code JKS}
     * @param password the store password, or null when it has none
     */
    public TrustStore(Path path, String type, char[] password) {
        this.path = Objects.requireNonNull(path, "path");
        this.type = type == null || type.isBlank() ? "PKCS12" : type;
        this.password = password == null ? null : password.clone();
        this.pem = null;
    }

    private TrustStore(String pem) {
        this.path = null;
        this.type = "PKCS12";
        this.password = null;
        this.pem = Objects.requireNonNull(pem, "pem");
    }

    /** Trusts exactly these X.509 certificates, given as PEM text ({@code -----BEGIN CERTIFICATE-----} blocks). */
    public static TrustStore pem(String certificates) {
        return new TrustStore(certificates);
    }

    /** The PEM text of a store made by {@link #pem}, or null for a store file. */
    public String pemCertificates() {
        return pem;
    }

    /** The store file, or null for certificates given as PEM. */
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
        return o instanceof TrustStore other && Objects.equals(path, other.path) && type.equals(other.type)
                && Arrays.equals(password, other.password) && Objects.equals(pem, other.pem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, pem);
    }

    @Override
    public String toString() {
        return pem != null ? "TrustStore[PEM certificates]" : "TrustStore[path=" + path + ", type=" + type + "]";
    }
}
