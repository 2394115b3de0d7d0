package io.cardlink.api.service;

/** The engine's view of itself and of the parts it depends on. */
public interface StatusService {
    EngineStatus status();
}
