package io.cardlink.api.service;

import java.util.List;

/**
 * Connector management. Requests are validated in full before anything is written (a
 * {@link io.cardlink.api.ValidationException} lists every problem); each change is one transaction.
 */
public interface ConnectorService {

    /** Connectors whose id, name, type or status contains {@code search}; all when it is blank. */
    List<ConnectorView> list(String search);

    /** A connector by id or by name; {@link io.cardlink.api.NotFoundException} when there is none. */
    ConnectorView get(String idOrName);

    ConnectorView create(ConnectorRequest request);

    /** Replaces a connector's fields; secrets that are not given keep their values. */
    ConnectorView update(String idOrName, ConnectorRequest request);

    /**
     * Removes a connector. One that still has tasks is removed with them only when {@code confirm} is true;
     * otherwise a {@link io.cardlink.api.ConflictException} says what would go.
     */
    void delete(String idOrName, boolean confirm);
}
