package io.cardlink.engine.internal;

/**
 * Where the engine keeps the WebAPI user it logs in as at the local instance and that user's password, sealed for
 * the owner {@link #OWNER} and bound to the local instance's origin: the engine settings of the node.
 */
interface LocalCredentialStore {
    /** The owner the local password is sealed for, as a connector's secrets are sealed for the connector. */
    String OWNER = "engine";

    /** The local user, or null when none is set. */
    String localUser();

    /** The sealed local password, or null when none is set. */
    String sealedLocalPassword();

    /** Saves the user and the sealed password together; null for either removes it. */
    void storeLocalCredentials(String user, String sealedPassword);
}
