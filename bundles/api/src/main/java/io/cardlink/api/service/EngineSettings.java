package io.cardlink.api.service;

import java.util.List;

/**
 * Settings an operator sets per node (Config Admin PID {@code io.cardlink.engine}, file
 * {@code etc/io.cardlink.engine.cfg}).
 *
 * @param localUrl          scheme, host and port of the local instance
 * @param localApiPath      path of the REST API v1 on the local instance
 * @param environment       what this installation is for
 * @param cacheClearHours   hours of the day (UTC) at which task caches are cleared
 * @param maxConcurrentRuns most scheduled-task runs at once on this node
 * @param demo              whether the first-run demo (emulator instances, demo connector and task) is set up
 */
public record EngineSettings(String localUrl, String localApiPath, Environment environment,
        List<Integer> cacheClearHours, int maxConcurrentRuns, boolean demo) {

    public static final String PID = "io.cardlink.engine";

    public enum Environment {
        TEST,
        PROD,
        DEMO,
        DEV
    }

    public EngineSettings {
        cacheClearHours = cacheClearHours == null ? List.of() : List.copyOf(cacheClearHours);
    }
}
