package io.cardlink.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** The key that seals connector secrets ({@code etc/cardlink-secrets.key}). */
@ProviderType
public interface SecretKeyService {

    /** What a rotation did. */
    record Rotation(int connectors, int secrets, String keyFile) {
    }

    /**
     * Makes a new key and seals every stored secret again under it, in one transaction; the key file is replaced
     * once that transaction committed. Nodes that share the database need the new file afterwards.
     * {@link io.cardlink.api.SecretKeyUnavailableException} when the current key can't open the stored secrets.
     */
    Rotation rotate();
}
