package io.cardlink.rest.internal;

import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.service.ConnectionTestReport;

/** A connection test as the API shows it: whether both sides passed, then each side's result. */
public record ConnectionTestJson(String connectorId, String connectorName, boolean ok, EndpointCheck remote,
        EndpointCheck local) {

    static ConnectionTestJson of(ConnectionTestReport report) {
        return new ConnectionTestJson(report.connectorId(), report.connectorName(), report.ok(), report.remote(),
                report.local());
    }
}
