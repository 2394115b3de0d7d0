package io.cardlink.api.service;

import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Connector management. Requests are validated in full before anything is written (a
 * {@link io.cardlink.api.ValidationException} lists every problem); each change is one transaction.
 */
@ProviderType
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

    /**
     * Logs in to both instances of a connector and reports each result apart, within seconds (short timeouts,
     * no retries). {@link io.cardlink.api.UnavailableException} when the connector's type is not installed.
     */
    ConnectionTestReport test(String idOrName);

    /**
     * Copies a connector under a new name: its settings, its secrets, and its scheduled and event tasks. The
     * copied scheduled tasks are disabled, so that nothing runs twice until an operator enables them.
     */
    ConnectorView copy(String idOrName, String newName);

    /** The templates the connector's WebAPI user may see on one of its instances, for pickers and validation. */
    List<TemplateInfo> schemaTemplates(String idOrName, InstanceSide side);

    /**
     * One template's allowed folders and attributes on one of the connector's instances;
     * {@link io.cardlink.api.NotFoundException} when the instance has no such template.
     */
    TemplateSchema schemaTemplate(String idOrName, InstanceSide side, String templateCode);
}
