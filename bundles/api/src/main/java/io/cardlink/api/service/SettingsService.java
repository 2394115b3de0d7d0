package io.cardlink.api.service;

import java.util.Map;

/** Reads and changes the engine settings; a change applies without a restart. */
public interface SettingsService {

    EngineSettings current();

    /**
     * Changes the given settings (keys as in the cfg file: localUrl, localApiPath, environment, cacheClearHours,
     * maxConcurrentRuns, demo), after validating all of them; others keep their values.
     */
    EngineSettings update(Map<String, String> changes);
}
