package io.cardlink.emulator.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The engine's environment (PID {@code io.cardlink.engine}) as the emulator in Karaf needs it: whether it is Prod.
 * A component of its own that takes each change of the engine's settings in place, so that changing them (a local
 * user, a retention) leaves the emulator's servlet, with its cards and tokens, as it is.
 */
@Component(service = EngineEnvironment.class, configurationPid = EngineEnvironment.ENGINE_PID)
public final class EngineEnvironment {
    static final String ENGINE_PID = "io.cardlink.engine";

    private volatile boolean prod;

    @Activate
    public EngineEnvironment(Map<String, Object> properties) {
        read(properties);
    }

    @Modified
    void read(Map<String, Object> properties) {
        Object environment = properties.get("environment");
        prod = environment != null && "PROD".equalsIgnoreCase(environment.toString().trim());
    }

    boolean prod() {
        return prod;
    }
}
