package io.cardlink.engine.internal;

import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
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

    @Override
    public EngineSettings update(Map<String, String> changes) {
        throw new UnsupportedOperationException();
    }
}
