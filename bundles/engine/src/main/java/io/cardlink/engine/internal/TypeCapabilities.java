package io.cardlink.engine.internal;

import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.store.ConnectorStore;
import io.cardlink.api.task.EventOperation;
import io.cardlink.api.task.TaskMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a connector's type can do ({@link Capability#of(ConnectorType)}, derived from the operation interfaces of its
 * far side): the engine offers a connector nothing more, neither when a task is saved nor when an operation is
 * accepted or written, and calls a far side only through an interface it implements.
 */
final class TypeCapabilities {
    static final Set<Capability> WRITES = EnumSet.of(Capability.WRITE_CREATE, Capability.WRITE_UPDATE,
            Capability.WRITE_DELETE);

    private final ConnectorStore connectors;
    private final ConnectorTypeRegistry types;
    /**
     * The type of each connector asked about: a connector's type can't change after creation, so it is read once
     * instead of twice per operation. The type itself is looked up each time: its bundle may come and go.
     */
    private final Map<String, String> typeIds = new ConcurrentHashMap<>();

    TypeCapabilities(ConnectorStore connectors, ConnectorTypeRegistry types) {
        this.connectors = connectors;
        this.types = types;
    }

    static Capability needed(EventOperation operation) {
        return switch (operation) {
            case CREATE -> Capability.WRITE_CREATE;
            case UPDATE -> Capability.WRITE_UPDATE;
            case DELETE -> Capability.WRITE_DELETE;
        };
    }

    static Capability needed(TaskMode mode) {
        return mode == TaskMode.INCREMENTAL ? Capability.READ_INCREMENTAL : Capability.READ_FULL;
    }

    /** A capability as people read it: {@code write update}. */
    static String named(Capability capability) {
        return capability.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Says that {@code type} lacks {@code capability}, and what it has. */
    static String unsupported(ConnectorType type, Capability capability) {
        return "connector type '" + type.id() + "' does not support " + named(capability) + " (it supports: "
                + supported(Capability.of(type)) + ")";
    }

    private static String supported(Set<Capability> capabilities) {
        String names = Arrays.stream(Capability.values()).filter(capabilities::contains)
                .map(TypeCapabilities::named).collect(Collectors.joining(", "));
        return names.isEmpty() ? "nothing" : names;
    }

    /**
     * The far side as the operation interface of {@code capability}; a far side without it is refused for good,
     * naming what it lacks, rather than cast.
     */
    static <T> T require(FarSide farSide, Capability capability, Class<T> operation) {
        if (capability.operation() != operation) {
            throw new IllegalArgumentException(operation.getName() + " is not the operation of " + capability);
        }
        if (!operation.isInstance(farSide)) {
            throw new ValidationException("connector", "the connector's far side does not support "
                    + named(capability) + " (it supports: " + supported(Capability.of(farSide.getClass())) + ")");
        }
        return operation.cast(farSide);
    }

    /** The capabilities of the connector's type; empty while the connector or its type is not there. */
    Optional<Set<Capability>> of(String connectorId) {
        return type(connectorId).map(Capability::of);
    }

    /** Why the connector's type can't do {@code operation}; empty when it can, or while it is not there. */
    Optional<String> refusal(String connectorId, EventOperation operation) {
        Capability capability = needed(operation);
        return type(connectorId).filter(type -> !Capability.of(type).contains(capability))
                .map(type -> unsupported(type, capability));
    }

    private Optional<ConnectorType> type(String connectorId) {
        String typeId = typeIds.get(connectorId);
        if (typeId == null) {
            Optional<String> stored = connectors.find(connectorId).map(Connector::typeId);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            typeId = stored.get();
            typeIds.put(connectorId, typeId);
        }
        return types.find(typeId);
    }
}
