package io.cardlink.api.alert;

import io.cardlink.api.service.EngineSettings.Environment;

/** How urgent an alert is; it follows the environment type of the installation. */
public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL;

    /** Production: critical; test and development: warning; demo: info. */
    public static AlertSeverity of(Environment environment) {
        if (environment == null) {
            return WARNING;
        }
        return switch (environment) {
            case PROD -> CRITICAL;
            case TEST, DEV -> WARNING;
            case DEMO -> INFO;
        };
    }
}
