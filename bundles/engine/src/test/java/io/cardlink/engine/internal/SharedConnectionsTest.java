package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.InstanceGateway;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedConnectionsTest {

    private static final class Counted implements Connection {
        boolean closed;

        @Override
        public InstanceGateway remote() {
            return null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void operationsInARowShareOneConnectionUntilItIsOldAndAReplacedOneClosesWhenItsLastUserIsDone() {
        List<Counted> opened = new ArrayList<>();
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        SharedConnections shared = new SharedConnections(connectorId -> {
            Counted connection = new Counted();
            opened.add(connection);
            return connection;
        }, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        });

        Connection first = shared.with("c1", connection -> connection);
        Connection again = shared.with("c1", connection -> connection);
        assertSame(first, again);
        assertEquals(1, opened.size());

        Connection inUse = shared.with("c1", connection -> {
            // the connection grows old while this operation still writes with it
            clock[0] = Clock.fixed(start.plus(SharedConnections.REUSE).plusSeconds(1), ZoneOffset.UTC);
            Connection newer = shared.with("c1", other -> other);
            assertEquals(2, opened.size());
            assertFalse(((Counted) connection).closed);
            return newer;
        });
        assertTrue(opened.get(0).closed);
        assertSame(opened.get(1), inUse);
        assertFalse(opened.get(1).closed);

        shared.closeAll();
        assertTrue(opened.get(1).closed);
    }
}
