package io.cardlink.rest.internal;

import io.cardlink.api.service.ConnectorRequest;
import java.util.Map;

/** The body of POST and PUT /connectors. Secrets go in {@code settings} with the others and are never echoed. */
public record ConnectorBody(String name, String type, String description, Map<String, String> settings) {

    ConnectorRequest toRequest() {
        return new ConnectorRequest(name, type, description, settings);
    }

    @Override
    public String toString() {
        return "ConnectorBody[name=" + name + ", type=" + type + "]";
    }
}
