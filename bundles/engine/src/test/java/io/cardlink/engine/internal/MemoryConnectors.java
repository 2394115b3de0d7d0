package io.cardlink.engine.internal;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.store.ConnectorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Connectors in memory, with the store's unique names and all-or-nothing secret replacement. */
class MemoryConnectors implements ConnectorStore {
    final Map<String, Connector> byId = new LinkedHashMap<>();
    /** Runs after each create, so that a test can fail the step that follows. */
    Runnable afterCreate = () -> { };

    /** A connector of the fake type without settings, stored directly. */
    Connector add(String name) {
        Connector connector = new Connector(UUID.randomUUID().toString(), name, "fake", null, Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH);
        byId.put(connector.id(), connector);
        return connector;
    }

    @Override
    public Connector create(Connector connector) {
        if (findByName(connector.name()).isPresent()) {
            throw new ConflictException("a connector named '" + connector.name() + "' already exists");
        }
        byId.put(connector.id(), connector);
        afterCreate.run();
        return connector;
    }

    @Override
    public Connector update(Connector connector) {
        if (!byId.containsKey(connector.id())) {
            throw new NotFoundException(connector.id());
        }
        byId.put(connector.id(), connector);
        return connector;
    }

    @Override
    public Optional<Connector> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Connector> findByName(String name) {
        return byId.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public List<Connector> search(String text) {
        return List.copyOf(byId.values());
    }

    @Override
    public void replaceSealedSecrets(Map<String, Map<String, String>> sealedByConnectorId) {
        sealedByConnectorId.keySet().forEach(id -> {
            if (!byId.containsKey(id)) {
                throw new NotFoundException(id);
            }
        });
        sealedByConnectorId.forEach((id, sealed) -> {
            Connector c = byId.get(id);
            byId.put(id, new Connector(c.id(), c.name(), c.typeId(), c.description(), c.settings(), sealed,
                    c.createdAt(), c.updatedAt()));
        });
    }

    @Override
    public List<String> removeSettings(Set<String> keys) {
        List<String> changed = new ArrayList<>();
        byId.values().stream().toList().forEach(c -> {
            Map<String, String> settings = new HashMap<>(c.settings());
            Map<String, String> secrets = new HashMap<>(c.sealedSecrets());
            if (settings.keySet().removeAll(keys) | secrets.keySet().removeAll(keys)) {
                byId.put(c.id(), new Connector(c.id(), c.name(), c.typeId(), c.description(), settings, secrets,
                        c.createdAt(), c.updatedAt()));
                changed.add(c.id());
            }
        });
        return changed;
    }

    @Override
    public boolean delete(String id) {
        return byId.remove(id) != null;
    }
}
