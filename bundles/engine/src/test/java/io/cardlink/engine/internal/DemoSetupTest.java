package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DemoSetupTest {

    @Test
    void theRemoteInstanceIsTheEmulatorsBesideTheLocalOne() {
        assertEquals("http://localhost:8282/emulator/remote",
                DemoSetup.remoteUrl("http://localhost:8282/emulator/local"));
        assertEquals("http://localhost:8181/emulator/remote", DemoSetup.remoteUrl("https://acme.example.test"));
    }

    @Test
    void theDemoTasksMapIntoTheLocalTemplatesWithTheirKeys() {
        assertEquals("source_key", DemoSetup.persons("c").mapping().uniqueKeyAttribute());
        assertEquals("efecte_id", ReferenceLookup.keySource(DemoSetup.incidents("c").mapping()));
    }
}
