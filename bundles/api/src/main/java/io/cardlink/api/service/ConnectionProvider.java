package io.cardlink.api.service;

import io.cardlink.api.connector.Connection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens connections of configured connectors: unseals their secrets, adds the local instance's address and asks
 * the connector's type to connect. Throws {@link io.cardlink.api.NotFoundException} for an unknown connector and
 * {@link io.cardlink.api.UnavailableException} when its type is not installed.
 */
@ProviderType
public interface ConnectionProvider {

    Connection open(String connectorId);
}
