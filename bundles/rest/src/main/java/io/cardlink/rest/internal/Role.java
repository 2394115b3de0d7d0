package io.cardlink.rest.internal;

/**
 * What a caller of the API may do, each bound to a JAAS role name by configuration ({@link RestServer.Config}).
 * {@link #ADMIN} may do everything; the others only what a resource method allows them ({@link Allowed}).
 */
public enum Role {
    /** Manages connectors, tasks, settings, export and import. */
    ADMIN,
    /** Reads what admins manage (the console's read-only users, dashboards): the GET methods. */
    VIEWER,
    /** The local workflow engine: runs event tasks through the orchestration endpoints and reads its operations. */
    WORKFLOW,
    /** A monitoring system (Prometheus): reads the metrics, nothing else. */
    MONITOR
}
