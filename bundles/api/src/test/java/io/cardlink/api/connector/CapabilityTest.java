package io.cardlink.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    /** Reads in full and by keys, and creates; nothing else. */
    abstract static class ReadsAndCreates implements FarSide, FullRead, KeyLookup, CardCreate {
        @Override
        public EndpointCheck check() {
            return new EndpointCheck("test", EndpointCheck.Result.OK, "ok", 0);
        }

        @Override
        public List<TemplateInfo> templates() {
            return List.of();
        }

        @Override
        public TemplateSchema template(String templateCode) {
            throw new UnsupportedOperationException();
        }
    }

    /** A subclass inherits what its parent implements, and adds what it implements itself. */
    abstract static class AlsoDeletes extends ReadsAndCreates implements CardDelete {
    }

    @Test
    void theCapabilitiesAreThoseOfTheOperationInterfacesTheClassImplements() {
        assertEquals(EnumSet.of(Capability.READ_FULL, Capability.FIND_BY_KEYS, Capability.WRITE_CREATE),
                Capability.of(ReadsAndCreates.class));
        assertEquals(EnumSet.of(Capability.READ_FULL, Capability.FIND_BY_KEYS, Capability.WRITE_CREATE,
                Capability.WRITE_DELETE), Capability.of(AlsoDeletes.class));
        assertEquals(EnumSet.noneOf(Capability.class), Capability.of(FarSide.class));
    }

    @Test
    void aBulkWriterCreatesAndUpdatesAndAGatewayDoesEverything() {
        assertEquals(EnumSet.of(Capability.WRITE_CREATE, Capability.WRITE_UPDATE), Capability.of(BulkWrite.class));
        assertEquals(EnumSet.allOf(Capability.class), Capability.of(InstanceGateway.class));
    }

    @Test
    void aTypesCapabilitiesAreThoseOfTheClassItNamesFoundOnce() {
        ConnectorType type = new ConnectorType() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public String displayName() {
                return "Test";
            }

            @Override
            public List<SettingDescriptor> settings() {
                return List.of();
            }

            @Override
            public Class<ReadsAndCreates> farSide() {
                return ReadsAndCreates.class;
            }

            @Override
            public Connection connect(ConnectionConfig config) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(Capability.of(ReadsAndCreates.class), Capability.of(type));
        assertSame(Capability.of(type), Capability.of(type));
    }

    @Test
    void eachCapabilityNamesItsInterface() {
        assertSame(ChangedRead.class, Capability.READ_INCREMENTAL.operation());
        assertSame(FileTransfer.class, Capability.TRANSFER_FILES.operation());
    }
}
