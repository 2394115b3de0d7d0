package io.cardlink.connector.coreproiga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.task.AttributePair;

import org.junit.jupiter.api.Test;

class DemoSetupTest {

    @Test
    void theRemoteInstanceIsTheEmulatorsBesideTheLocalOne() {
        assertEquals("http://localhost:8282/emulator/remote",
                DemoSetup.remoteUrl("http://localhost:8282/emulator/local"));
        assertEquals("http://localhost:8181/emulator/remote", DemoSetup.remoteUrl("https://acme.example.test"));
    }

    /** A task save (and so an import of an exported demo) requires the remote folder. */
    @Test
    void theDemoTasksNameTheirRemoteFolders() {
        assertEquals("persons", DemoSetup.persons("c").remoteFolder());
        assertEquals("incident_management", DemoSetup.incidents("c").remoteFolder());
    }

    @Test
    void theDemoTasksMapIntoTheLocalTemplatesWithTheirKeys() {
        assertEquals("source_key", DemoSetup.persons("c").mapping().uniqueKeyAttribute());
        assertEquals("source_key", DemoSetup.incidents("c").mapping().uniqueKeyAttribute());
        assertTrue(DemoSetup.incidents("c").mapping().pairs().contains(new AttributePair("efecte_id", "source_key")),
                "the remote card's id is the key");
    }
}
