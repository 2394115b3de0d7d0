/**
 * Orchestration of event tasks: the local workflow engine asks for a card to be created, updated or deleted in the
 * remote instance; the operation is kept in a durable outbox and delivered with retries.
 */
@Export
@Version("1.0.1")
package io.cardlink.api.orchestration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
