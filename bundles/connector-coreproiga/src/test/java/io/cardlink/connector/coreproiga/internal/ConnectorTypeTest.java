package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cardlink.api.connector.SettingDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the CoreProIGA type tells the engine about its secrets and about which connectors are the same. */
class ConnectorTypeTest {
    private final CoreProIgaConnectorType type = new CoreProIgaConnectorType();

    @Test
    void thePasswordIsBoundToTheAddressItIsSentToAndTheLocalInstanceIsNotTheConnectors() {
        assertEquals(CoreProIgaConnectorType.REMOTE_URL,
                type.setting(CoreProIgaConnectorType.REMOTE_PASSWORD).orElseThrow().sentTo());
        assertEquals(List.of(), type.settings().stream().map(SettingDescriptor::key)
                .filter(key -> key.equals("localUser") || key.equals("localPassword")).toList());
    }

    private Optional<String> identity(String remoteUrl, String remoteUser) {
        return type.identity(remoteUser == null ? Map.of("remoteUrl", remoteUrl)
                : Map.of("remoteUrl", remoteUrl, "remoteUser", remoteUser, "remoteApiPath", "/other"));
    }

    @Test
    void theSameConnectorIsTheSameRemoteHostAndPortAsTheSameUser() {
        Optional<String> hr = identity("https://hr.example.com", "webapi");
        assertEquals(Optional.of("hr.example.com:443 as webapi"), hr);
        assertEquals(hr, identity("HTTPS://HR.Example.com:443/context", " webapi "), "case, default port, path");
        assertEquals(Optional.of("hr.example.com:80 as webapi"), identity("http://hr.example.com", "webapi"));
        assertNotEquals(hr, identity("https://hr.example.com:8443", "webapi"));
        assertNotEquals(hr, identity("https://hr.example.com", "other"));
    }

    @Test
    void settingsWithoutAHostOrUserTellNoIdentity() {
        assertEquals(Optional.empty(), identity("https://hr.example.com", null));
        assertEquals(Optional.empty(), identity("https://hr.example.com", " "));
        assertEquals(Optional.empty(), identity("not a url", "webapi"));
        assertEquals(Optional.empty(), identity("", "webapi"));
    }
}
