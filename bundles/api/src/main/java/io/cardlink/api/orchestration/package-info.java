/**
 * Orchestration of event tasks: the local workflow engine asks for a card to be created, updated or deleted in the
 * remote instance; the operation is kept in a durable outbox and delivered with retries, one at a time per card.
 * Dead and held operations wait for an operator; the workflows that use a task are its workflow references.
 */
@Export
@Version("2.0.0")
package io.cardlink.api.orchestration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
