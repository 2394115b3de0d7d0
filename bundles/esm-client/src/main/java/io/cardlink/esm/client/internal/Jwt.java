package io.cardlink.esm.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code iat} and {@code exp} claims of a JWT without verifying its signature: the client only
 * needs them to decide when to log in again, the server is what checks the token.
 */
record Jwt(Instant issuedAt, Instant expiresAt) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The claims of a token (with or without a {@code Bearer } prefix); empty when they cannot be read. */
    static Optional<Jwt> decode(String token) {
        String raw = stripBearer(token);
        String[] parts = raw.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(padless(parts[1]));
            JsonNode claims = MAPPER.readTree(new String(payload, StandardCharsets.UTF_8));
            Instant exp = epochSeconds(claims.get("exp"));
            if (exp == null) {
                return Optional.empty();
            }
            return Optional.of(new Jwt(epochSeconds(claims.get("iat")), exp));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    static String stripBearer(String token) {
        String t = token.trim();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).trim();
        }
        return t;
    }

    private static String padless(String part) {
        return part.replace("=", "");
    }

    private static Instant epochSeconds(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        return Instant.ofEpochSecond(node.asLong());
    }
}
