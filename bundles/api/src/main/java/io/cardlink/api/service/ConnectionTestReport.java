package io.cardlink.api.service;

import io.cardlink.api.connector.EndpointCheck;

/** The outcome of a connection test: one login attempt per instance, each with its own result. */
public record ConnectionTestReport(String connectorId, String connectorName, EndpointCheck remote,
        EndpointCheck local) {

    /** True when both instances accepted the login. */
    public boolean ok() {
        return remote.ok() && local.ok();
    }
}
