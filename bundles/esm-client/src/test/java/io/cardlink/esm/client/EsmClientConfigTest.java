package io.cardlink.esm.client;

import io.cardlink.api.ValidationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EsmClientConfigTest {

    @Test
    void joinsBaseUrlAndApiPathAndDefaultsToTheCloudPath() {
        EsmClientConfig config = EsmClientConfig.builder().baseUrl("https://acme.efectecloud.com/").login("webapi")
                .password("s3cret-pw").build();
        assertEquals("https://acme.efectecloud.com/rest-api/itsm/v1", config.apiUrl());
        EsmClientConfig onPrem = config.toBuilder().apiPath("/itsm/api/v1/").build();
        assertEquals("https://acme.efectecloud.com/itsm/api/v1", onPrem.apiUrl());
        assertArrayEquals("s3cret-pw".toCharArray(), onPrem.password());
    }

    @Test
    void toStringShowsNoSecret() {
        EsmClientConfig config = EsmClientConfig.builder().baseUrl("https://acme.example").login("webapi")
                .password("s3cret-pw")
                .trustStore(new TrustStore(Path.of("/tmp/trust.p12"), "PKCS12", "store-pw".toCharArray())).build();
        assertFalse(config.toString().contains("s3cret-pw"), config.toString());
        assertFalse(config.toString().contains("store-pw"), config.toString());
        assertTrue(config.toString().contains("webapi"));
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ValidationException e = assertThrows(ValidationException.class, () -> EsmClientConfig.builder()
                .baseUrl("ftp://host").apiPath("rest").login(" ").build());
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void theCallerCannotChangeThePasswordAfterwards() {
        char[] password = "pw".toCharArray();
        EsmClientConfig config = EsmClientConfig.builder().baseUrl("http://h").login("u").password(password).build();
        password[0] = 'x';
        config.password()[1] = 'y';
        assertArrayEquals("pw".toCharArray(), config.password());
    }
}
