package io.cardlink.engine.internal;

import java.nio.charset.StandardCharsets;

/**
 * Where a secret belongs: its connector, its setting and the origin it is sent to ({@link Origin}; empty for a
 * secret sent nowhere). Sealing binds a secret to its address as authenticated data, so that a sealed value copied
 * onto another connector, another setting or another origin in the database does not open.
 */
record SecretAddress(String connectorId, String setting, String origin) {

    SecretAddress {
        origin = origin == null ? "" : origin;
    }

    byte[] associatedData() {
        return ("cardlink-secret\n" + connectorId + "\n" + setting + "\n" + origin).getBytes(StandardCharsets.UTF_8);
    }
}
