package io.cardlink.engine.internal;

import io.cardlink.api.connector.Capability;
import io.cardlink.api.connector.FarSide;
import io.cardlink.api.connector.InstanceGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The far side of a test's connector type that can do only some things: a proxy over a gateway that can do
 * everything, implementing {@link FarSide} and the operation interfaces of the capabilities given, and no others, so
 * that the type's capabilities derived from its class are those.
 */
final class FarSideSubset {
    private FarSideSubset() {
    }

    /** {@code gateway} itself when it is to do everything, else a proxy that can do only what {@code capabilities} say. */
    static FarSide of(InstanceGateway gateway, Set<Capability> capabilities) {
        if (capabilities.containsAll(EnumSet.allOf(Capability.class))) {
            return gateway;
        }
        List<Class<?>> interfaces = new ArrayList<>(List.of(FarSide.class));
        for (Capability capability : Capability.values()) {
            if (capabilities.contains(capability)) {
                interfaces.add(capability.operation());
            }
        }
        return (FarSide) Proxy.newProxyInstance(FarSide.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    if (gateway == null) {
                        throw new IllegalStateException("no gateway behind this far side");
                    }
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The class of the far sides {@link #of} makes for {@code capabilities}: what a test's type names. */
    static Class<? extends FarSide> classOf(Set<Capability> capabilities) {
        return capabilities.containsAll(EnumSet.allOf(Capability.class)) ? InstanceGateway.class
                : of(null, capabilities).getClass();
    }
}
