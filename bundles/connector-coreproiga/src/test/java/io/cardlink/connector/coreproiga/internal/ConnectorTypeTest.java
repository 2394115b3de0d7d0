package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cardlink.api.connector.SettingDescriptor;
import org.junit.jupiter.api.Test;

/** What the CoreProIGA type tells the engine about its secrets. */
class ConnectorTypeTest {
    @Test
    void eachPasswordIsBoundToTheAddressItIsSentTo() {
        CoreProIgaConnectorType type = new CoreProIgaConnectorType();
        assertEquals(CoreProIgaConnectorType.REMOTE_URL,
                type.setting(CoreProIgaConnectorType.REMOTE_PASSWORD).orElseThrow().sentTo());
        assertEquals(SettingDescriptor.LOCAL_INSTANCE,
                type.setting(CoreProIgaConnectorType.LOCAL_PASSWORD).orElseThrow().sentTo());
    }
}
