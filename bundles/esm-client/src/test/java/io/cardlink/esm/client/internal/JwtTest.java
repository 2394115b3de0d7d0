package io.cardlink.esm.client.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtTest {

    static String token(String payloadJson) {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        return enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsExpAndIatWithOrWithoutBearer() {
        String jwt = token("{\"sub\":\"webapi\",\"iat\":1700000000,\"exp\":1700000900}");
        Jwt claims = Jwt.decode("Bearer " + jwt).orElseThrow();
        assertEquals(Instant.ofEpochSecond(1700000900), claims.expiresAt());
        assertEquals(Instant.ofEpochSecond(1700000000), claims.issuedAt());
        assertEquals(claims, Jwt.decode(jwt).orElseThrow());
    }

    @Test
    void opaqueOrBrokenTokensHaveNoClaims() {
        assertTrue(Jwt.decode("not-a-jwt").isEmpty());
        assertTrue(Jwt.decode("a.%%%.c").isEmpty());
        assertTrue(Jwt.decode(token("{\"sub\":\"x\"}")).isEmpty());
        assertTrue(Jwt.decode(token("[1,2]")).isEmpty());
    }

    @Test
    void refreshesATenthOfTheLifetimeEarlyButAtMostThirtySeconds() {
        Instant now = Instant.ofEpochSecond(1700000000);
        String fifteenMinutes = token("{\"iat\":1700000000,\"exp\":1700000900}");
        assertEquals(Instant.ofEpochSecond(1700000870), TokenManager.refreshAt(fifteenMinutes, now));
        String twoSeconds = token("{\"iat\":1700000000,\"exp\":1700000002}");
        assertEquals(Instant.ofEpochSecond(1700000002).minus(Duration.ofMillis(200)),
                TokenManager.refreshAt(twoSeconds, now));
        assertEquals(Instant.MAX, TokenManager.refreshAt("opaque", now));
    }
}
