package io.cardlink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorAccessTest {

    @Test
    void generatesALargeCountInChunksWithSeedsThatFollowOn() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            EmulatorAccess remote = EmulatorAccess.at(server.url() + "/emulator/remote", EmulatorAccess.USER);

            remote.generate("incident", 250_000, 7);

            assertEquals(List.of(
                    "/emulator/remote/_admin/generate?template=incident&count=100000&seed=7",
                    "/emulator/remote/_admin/generate?template=incident&count=100000&seed=100007",
                    "/emulator/remote/_admin/generate?template=incident&count=50000&seed=200007"),
                    server.requests().stream().map(RecordingServer.Request::uri).toList());
        }
    }

    @Test
    void namedAdminCallsGoToTheirEndpoints() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            EmulatorAccess local = EmulatorAccess.at(server.url() + "/emulator/local", EmulatorAccess.USER);

            local.reset();
            local.faults("{\"latencyMs\":50}");
            local.clearFaults();
            local.resetCounters();

            assertEquals(List.of("POST /emulator/local/_admin/reset", "POST /emulator/local/_admin/faults",
                    "DELETE /emulator/local/_admin/faults", "DELETE /emulator/local/_admin/counters"),
                    server.requests().stream().map(r -> r.method() + " " + r.uri()).toList());
            assertEquals("{\"latencyMs\":50}", server.requests().get(1).body());
        }
    }

    @Test
    void aRefusedAdminCallFailsWithItsStatusAndBody() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            server.answer(400, "{\"message\":\"unknown fault\"}");
            EmulatorAccess local = EmulatorAccess.at(server.url() + "/emulator/local", EmulatorAccess.USER);

            AssertionError refused = assertThrows(AssertionError.class, () -> local.faults("{\"nope\":1}"));

            assertTrue(refused.getMessage().contains("400 {\"message\":\"unknown fault\"}"), refused.getMessage());
        }
    }
}
