package io.cardlink.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** The engine's view of itself and of the parts it depends on. */
@ProviderType
public interface StatusService {
    EngineStatus status();
}
