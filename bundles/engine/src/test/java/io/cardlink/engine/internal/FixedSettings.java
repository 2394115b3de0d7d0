package io.cardlink.engine.internal;

import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Engine settings a test sets directly: the local instance at http://local/api in the Test environment. */
final class FixedSettings implements SettingsService {
    EngineSettings settings = new EngineSettings("http://local", "/api", EngineSettings.Environment.TEST, List.of(),
            2, false);

    @Override
    public EngineSettings current() {
        return settings;
    }

    /** The changes asked for, in order. */
    final List<Map<String, String>> updates = new ArrayList<>();

    /** Takes the local credentials only, as a user and whether a password is set. */
    @Override
    public EngineSettings update(Map<String, String> changes) {
        updates.add(Map.copyOf(changes));
        EngineSettings s = settings;
        settings = new EngineSettings(s.localUrl(), s.localApiPath(), s.environment(), s.cacheClearHours(),
                s.maxConcurrentRuns(), s.demo(), s.nodeId(), changes.getOrDefault(LOCAL_USER, s.localUser()),
                s.localPasswordSet() || changes.containsKey(LOCAL_PASSWORD));
        return settings;
    }
}
