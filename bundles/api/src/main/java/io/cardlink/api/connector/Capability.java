package io.cardlink.api.connector;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a connector type can do with its far side: one capability per operation interface. A type does not declare
 * them: they are derived from the interfaces the class of its far side ({@link ConnectorType#farSide()})
 * implements, so they can't disagree with what a connection offers. The engine offers only the task kinds, modes and
 * operations of the capabilities a type has.
 */
public enum Capability {
    READ_FULL(FullRead.class),
    READ_INCREMENTAL(ChangedRead.class),
    FIND_BY_KEYS(KeyLookup.class),
    WRITE_CREATE(CardCreate.class),
    WRITE_UPDATE(CardUpdate.class),
    WRITE_DELETE(CardDelete.class),
    TRANSFER_FILES(FileTransfer.class);

    private static final ClassValue<Set<Capability>> OF_CLASS = new ClassValue<>() {
        @Override
        protected Set<Capability> computeValue(Class<?> farSide) {
            EnumSet<Capability> capabilities = EnumSet.noneOf(Capability.class);
            for (Capability capability : values()) {
                if (capability.operation.isAssignableFrom(farSide)) {
                    capabilities.add(capability);
                }
            }
            return Collections.unmodifiableSet(capabilities);
        }
    };

    private final Class<?> operation;

    Capability(Class<?> operation) {
        this.operation = operation;
    }

    /** The interface a far side implements to have this capability. */
    public Class<?> operation() {
        return operation;
    }

    /** The capabilities of far sides of class {@code farSide}, found once per class. */
    public static Set<Capability> of(Class<?> farSide) {
        return OF_CLASS.get(farSide);
    }

    /** The capabilities of a connector type: those of the class of its far side. */
    public static Set<Capability> of(ConnectorType type) {
        return of(type.farSide());
    }
}
