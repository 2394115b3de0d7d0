package io.cardlink.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** HS256 tokens of one instance, signed with a key made at start: {@code sub} = login, {@code iat}, {@code exp}. */
final class Jwt {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    /** Why a token was refused; the text goes into the 401 message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private final byte[] key = new byte[32];
    private final ObjectMapper json;
    private final String issuer;

    Jwt(ObjectMapper json, String issuer) {
        new SecureRandom().nextBytes(key);
        this.json = json;
        this.issuer = issuer;
    }

    String issue(String login, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", login);
        claims.put("iss", issuer);
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(claims));
            String signed = HEADER + "." + payload;
            return signed + "." + ENCODER.encodeToString(sign(signed));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode token claims", e);
        }
    }

    /** The login of a valid token that has not expired. */
    String verify(String token) throws Refused {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            throw new Refused("Invalid token.");
        }
        byte[] signature;
        try {
            signature = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Refused("Invalid token.");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new Refused("Invalid token signature.");
        }
        JsonNode claims;
        try {
            claims = json.readTree(DECODER.decode(parts[1]));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Refused("Invalid token.");
        }
        if (System.currentTimeMillis() / 1000 >= claims.path("exp").asLong(0)) {
            throw new Refused("Token expired.");
        }
        return claims.path("sub").asText();
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
