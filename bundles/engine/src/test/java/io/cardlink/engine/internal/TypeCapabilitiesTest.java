package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.CardDelete;
import io.cardlink.api.connector.Connection;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.FullRead;
import io.cardlink.api.connector.InstanceGateway;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine reaches a far side only through the interfaces it implements, and says what it lacks. */
class TypeCapabilitiesTest {
    private final TaskFakes.Gateway gateway = new TaskFakes.Gateway();

    @Test
    void aFarSideIsCalledThroughAnOperationItImplements() {
        FarSide readsOnly = FarSideSubset.of(gateway, EnumSet.of(Capability.READ_FULL));

        FullRead reader = TypeCapabilities.require(readsOnly, Capability.READ_FULL, FullRead.class);

        assertSame(readsOnly, reader);
    }

    @Test
    void anOperationTheFarSideLacksIsRefusedForGoodNamingItAndWhatItCanDo() {
        FarSide readsOnly = FarSideSubset.of(gateway, EnumSet.of(Capability.READ_FULL, Capability.FIND_BY_KEYS));

        ValidationException e = assertThrows(ValidationException.class,
                () -> TypeCapabilities.require(readsOnly, Capability.WRITE_DELETE, CardDelete.class));

        assertEquals(List.of("connector"), e.problems().stream().map(p -> p.field()).toList());
        assertEquals("the connector's far side does not support write delete (it supports: read full, find by keys)",
                e.problems().get(0).problem());
    }

    @Test
    void aConnectionWhoseFarSideIsNotOfTheClassItsTypeNamesIsClosedAndRefused() {
        TaskFakes.Type type = new TaskFakes.Type(gateway, gateway);
        type.capabilities.remove(Capability.WRITE_DELETE);
        Connection lying = new Connection() {
            @Override
            public FarSide remote() {
                return gateway;
            }

            @Override
            public void close() {
                type.openConnections--;
            }
        };
        type.openConnections++;

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConnectorConnections.checked(type, lying));

        assertTrue(e.getMessage().startsWith("connector type 'fake' opened a far side "), e.getMessage());
        assertEquals(0, type.openConnections, "the connection was closed");
        try (Connection honest = type.connect(null)) {
            assertSame(honest, ConnectorConnections.checked(type, honest));
        }
    }

    @Test
    void aGatewayThatDoesEverythingHasEveryCapability() {
        assertEquals(EnumSet.allOf(Capability.class), Capability.of(InstanceGateway.class));
        assertEquals(EnumSet.of(Capability.READ_FULL), Capability.of(FarSideSubset.classOf(
                EnumSet.of(Capability.READ_FULL))));
    }
}
