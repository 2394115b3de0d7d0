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
 * @param nodeId            the name of this node among the nodes that share one database, recorded on the runs it
 *                          queues and runs; Karaf's instance name ({@code karaf.name}) unless set
 * @param localUser         the WebAPI user Cardlink logs in as at the local instance, or null while none is set
 * @param localPasswordSet  whether a local WebAPI password is set (it is held sealed, never shown)
 */
public record EngineSettings(String localUrl, String localApiPath, Environment environment,
        List<Integer> cacheClearHours, int maxConcurrentRuns, boolean demo, String nodeId, String localUser,
        boolean localPasswordSet) {

    public static final String PID = "io.cardlink.engine";
    /** Karaf names an instance "root" unless told otherwise. */
    private static final String KARAF_DEFAULT_NAME = "root";

    public enum Environment {
        TEST,
        PROD,
        DEMO,
        DEV
    }

    public EngineSettings {
        cacheClearHours = cacheClearHours == null ? List.of() : List.copyOf(cacheClearHours);
        nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId.trim();
        localUser = localUser == null || localUser.isBlank() ? null : localUser.trim();
    }

    /** Settings without local credentials yet. */
    public EngineSettings(String localUrl, String localApiPath, Environment environment,
            List<Integer> cacheClearHours, int maxConcurrentRuns, boolean demo, String nodeId) {
        this(localUrl, localApiPath, environment, cacheClearHours, maxConcurrentRuns, demo, nodeId, null, false);
    }

    /** Settings of the node named as Karaf names its instance. */
    public EngineSettings(String localUrl, String localApiPath, Environment environment,
            List<Integer> cacheClearHours, int maxConcurrentRuns, boolean demo) {
        this(localUrl, localApiPath, environment, cacheClearHours, maxConcurrentRuns, demo, null);
    }

    /** The name of this node when none is set: Karaf's instance name. */
    public static String defaultNodeId() {
        String name = System.getProperty("karaf.name");
        return name == null || name.isBlank() ? KARAF_DEFAULT_NAME : name.trim();
    }
}
