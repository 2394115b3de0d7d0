package io.cardlink.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A sealed secret as stored: {@code v2:<key id>:<origin, base64url>:<base64(iv || ciphertext+tag)>}. The key id says
 * which key sealed it without telling anything about the key; the origin is the one it is bound to (also part of the
 * authenticated data). Values written before addresses were bound, {@code v1:<base64(iv || ciphertext+tag)>}, have
 * neither and are sealed again at start ({@link Secrets}).
 */
record SealedSecret(int version, String keyId, String origin, byte[] payload) {
    private static final String V1 = "v1:";
    private static final String V2 = "v2:";

    static SealedSecret parse(String text) {
        try {
            if (text != null && text.startsWith(V1)) {
                return new SealedSecret(1, null, null, Base64.getDecoder().decode(text.substring(V1.length())));
            }
            if (text != null && text.startsWith(V2)) {
                String[] parts = text.substring(V2.length()).split(":", -1);
                if (parts.length == 3 && !parts[0].isEmpty()) {
                    String origin = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    return new SealedSecret(2, parts[0], origin, Base64.getDecoder().decode(parts[2]));
                }
            }
        } catch (IllegalArgumentException badBase64) {
            // reported below like any other malformed value
        }
        throw new IllegalArgumentException("not a sealed secret");
    }

    static String format(String keyId, String origin, byte[] payload) {
        return V2 + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                origin.getBytes(StandardCharsets.UTF_8)) + ":" + Base64.getEncoder().encodeToString(payload);
    }

    boolean legacy() {
        return version == 1;
    }
}
