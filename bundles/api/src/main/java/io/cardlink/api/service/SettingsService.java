package io.cardlink.api.service;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Reads and changes the engine settings; a change applies without a restart. */
@ProviderType
public interface SettingsService {

    /** The key of {@link #update}'s changes that carries a new local WebAPI password, held sealed for the engine. */
    String LOCAL_PASSWORD = "localPassword";
    /** The setting that names the WebAPI user Cardlink logs in as at the local instance. */
    String LOCAL_USER = "localUser";

    EngineSettings current();

    /**
     * Changes the given settings (keys as in the cfg file: localUrl, localApiPath, localUser, environment,
     * cacheClearHours, maxConcurrentRuns, demo), after validating all of them; others keep their values.
     * {@link #LOCAL_PASSWORD} sets the local WebAPI password, sealed and bound to the local instance's address; it is
     * required when {@code localUrl} moves to another host while a password given for the old one is set.
     */
    EngineSettings update(Map<String, String> changes);
}
