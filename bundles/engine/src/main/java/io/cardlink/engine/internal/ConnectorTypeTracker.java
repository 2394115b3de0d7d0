package io.cardlink.engine.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks connector types as their bundles come and go. A connector whose type is missing keeps its configuration;
 * it works again as soon as the type is back, without a restart.
 */
@Component(service = ConnectorTypeRegistry.class)
public class ConnectorTypeTracker implements ConnectorTypeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorTypeTracker.class);

    private final Map<String, ConnectorType> types = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(ConnectorType type) {
        types.put(type.id(), type);
        LOG.info("Connector type '{}' installed", type.id());
    }

    void removeType(ConnectorType type) {
        types.remove(type.id(), type);
        LOG.info("Connector type '{}' removed", type.id());
    }

    @Override
    public Optional<ConnectorType> find(String typeId) {
        return typeId == null ? Optional.empty() : Optional.ofNullable(types.get(typeId));
    }

    @Override
    public List<ConnectorType> installed() {
        return types.values().stream().sorted(Comparator.comparing(ConnectorType::id)).toList();
    }
}
