package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cardlink.api.connector.SettingDescriptor;
import org.junit.jupiter.api.Test;

/** What the CoreProIGA type tells the engine about its secrets. */
class ConnectorTypeTest {
    /** A self-signed certificate for hr.example.com, valid until 2126; no test server uses it. */
    static final String OTHER_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBSzCB8qADAgECAgkAlzP+vozxZp8wCgYIKoZIzj0EAwIwGTEXMBUGA1UEAxMO
            aHIuZXhhbXBsZS5jb20wIBcNMjYxMjA0MTUxNTAwWhgPMjEyNjExMTAxNTE1MDBa
            MBkxFzAVBgNVBAMTDmhyLmV4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0D
            AQcDQgAEw2G4eRXNn08vcvkeqYJWjOXyLRUCUM96pamM7pzmp2ZaibEqNDJNHp3r
            cYdwttQKvi5qhU97R6emw7hYVASpdqMhMB8wHQYDVR0OBBYEFH0X7Kd78oeq71Oi
            7zZGTClLVBaNMAoGCCqGSM49BAMCA0gAMEUCIAgwUiSS8EQEpyZRALpwKisTDagG
            OJPdx/oZPCz7aPwYAiEAgpe+rCgsYwGuy2sg6Wi/0VU++EF/4sD6Ta+hEZJ9n4g=
            -----END CERTIFICATE-----""";

    @Test
    void eachPasswordIsBoundToTheAddressItIsSentTo() {
        CoreProIgaConnectorType type = new CoreProIgaConnectorType();
        assertEquals(CoreProIgaConnectorType.REMOTE_URL,
                type.setting(CoreProIgaConnectorType.REMOTE_PASSWORD).orElseThrow().sentTo());
        assertEquals(SettingDescriptor.LOCAL_INSTANCE,
                type.setting(CoreProIgaConnectorType.LOCAL_PASSWORD).orElseThrow().sentTo());
    }
}
