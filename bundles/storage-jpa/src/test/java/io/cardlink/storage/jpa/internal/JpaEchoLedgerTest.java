package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cardlink.api.ValidationException;
import io.cardlink.api.store.EchoLedger.Entry;
import io.cardlink.api.mapping.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JpaEchoLedgerTest extends StoreTestBase {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void theLastWriteOfACardIsKeptPerConnectorDirectionAndKeyAttribute() {
        ledger.record(List.of(entry("c1", Direction.WRITE, "K-1", "push", Map.of("subject", "a1"), T0),
                entry("c1", Direction.WRITE, "K-2", "push", Map.of("subject", "b1"), T0),
                entry("c1", Direction.READ, "K-1", "pull", Map.of("subject", "l1"), T0)));
        ledger.record(List.of(entry("c1", Direction.WRITE, "K-1", "push", Map.of("subject", "a2", "status", "s"),
                T0.plusSeconds(5))));

        Map<String, Entry> remote = ledger.find("c1", Direction.WRITE, "source_key", Set.of("K-1", "K-2", "K-3"), T0);
        assertEquals(Set.of("K-1", "K-2"), remote.keySet());
        assertEquals(Map.of("subject", "a2", "status", "s"), remote.get("K-1").attributes());
        assertEquals(T0.plusSeconds(5), remote.get("K-1").writtenAt());
        assertEquals("push", remote.get("K-1").taskId());
        assertEquals(Map.of("subject", "l1"),
                ledger.find("c1", Direction.READ, "source_key", Set.of("K-1"), T0).get("K-1").attributes());
        assertEquals(Map.of(), ledger.find("c2", Direction.WRITE, "source_key", Set.of("K-1"), T0));
        assertEquals(Map.of(), ledger.find("c1", Direction.WRITE, "efecte_id", Set.of("K-1"), T0));
        // only what was written since
        assertEquals(Set.of("K-1"), ledger.find("c1", Direction.WRITE, "source_key", Set.of("K-1", "K-2"),
                T0.plusSeconds(1)).keySet());
    }

    @Test
    void aForgottenCardAndOldWritesAreGone() {
        ledger.record(List.of(entry("c1", Direction.WRITE, "K-1", "push", Map.of("subject", "a"), T0),
                entry("c1", Direction.WRITE, "K-2", "push", Map.of("subject", "b"), T0.plusSeconds(60))));

        ledger.record(List.of(entry("c1", Direction.READ, "K-2", "pull", Map.of("subject", "b"), T0.plusSeconds(60))));
        ledger.forget("c1", "source_key", "K-2");
        assertEquals(Map.of(), ledger.find("c1", Direction.READ, "source_key", Set.of("K-2"), T0));
        assertEquals(Set.of("K-1"), ledger.find("c1", Direction.WRITE, "source_key", Set.of("K-1", "K-2"), T0)
                .keySet());
        assertEquals(1, ledger.purge(T0.plusSeconds(1)));
        assertEquals(Map.of(), ledger.find("c1", Direction.WRITE, "source_key", Set.of("K-1"), T0));
        assertThrows(ValidationException.class, () -> ledger.record(List.of(entry("c1", Direction.WRITE,
                "K".repeat(256), "push", Map.of(), T0))));
    }

    private static Entry entry(String connector, Direction direction, String key, String task,
            Map<String, String> attributes, Instant at) {
        return new Entry(connector, direction, "source_key", key, task, attributes, at);
    }
}
