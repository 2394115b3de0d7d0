package io.cardlink.api.connector;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The connector types installed right now; they come and go with their bundles. */
@ProviderType
public interface ConnectorTypeRegistry {

    Optional<ConnectorType> find(String typeId);

    /** Installed types ordered by id. */
    List<ConnectorType> installed();
}
