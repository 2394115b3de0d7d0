package io.cardlink.api.service;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Reads and changes the engine settings; a change applies without a restart. */
@ProviderType
public interface SettingsService {

    /** The key of {@link #update}'s changes that carries a new local WebAPI password for the connectors. */
    String LOCAL_PASSWORD = "localPassword";

    EngineSettings current();

    /**
     * Changes the given settings (keys as in the cfg file: localUrl, localApiPath, environment, cacheClearHours,
     * maxConcurrentRuns, demo), after validating all of them; others keep their values. {@link #LOCAL_PASSWORD}, which
     * is not a setting, sets the local WebAPI password of every connector that has one; it is required when
     * {@code localUrl} moves to another host while connectors hold local passwords given for the old one.
     */
    EngineSettings update(Map<String, String> changes);
}
