package io.cardlink.rest.internal;

/** The body of POST /connectors/{cid}/copy: the copy's name. */
public record ConnectorCopyBody(String name) {
}
