package io.cardlink.api.store;

import io.cardlink.api.connector.Connector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Connectors with their sealed secrets. Each method is one transaction. */
@ProviderType
public interface ConnectorStore {

    /** Persists a new connector. Throws {@link io.cardlink.api.ConflictException} when the name is taken. */
    Connector create(Connector connector);

    /**
     * Replaces a connector's fields. Throws {@link io.cardlink.api.NotFoundException} for an unknown id and
     * {@link io.cardlink.api.ConflictException} when the new name is taken by another connector.
     */
    Connector update(Connector connector);

    Optional<Connector> find(String id);

    Optional<Connector> findByName(String name);

    /** Connectors whose id, name or type contains {@code text} (case-insensitive), by name; all when blank. */
    List<Connector> search(String text);

    /**
     * Replaces the sealed secrets of the connectors in the map (connector id to its complete set of sealed secrets),
     * all in one transaction, as a key rotation needs; connectors not in the map keep theirs, and their change times
     * stay as they are. Throws {@link io.cardlink.api.NotFoundException} for an unknown id, and then writes nothing.
     */
    void replaceSealedSecrets(Map<String, Map<String, String>> sealedByConnectorId);

    /**
     * Removes the plain settings and sealed secrets named {@code keys} from every connector that holds any of them,
     * all in one transaction, as the engine does when it takes over settings that connectors held before; their
     * change times stay as they are. Returns the ids of the connectors that changed.
     */
    List<String> removeSettings(Set<String> keys);

    /** Removes a connector with all its tasks and their runs; false when there was none. */
    boolean delete(String id);
}
