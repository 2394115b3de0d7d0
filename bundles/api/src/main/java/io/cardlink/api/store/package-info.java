/**
 * Persistence of connectors, tasks, runs, the task caches, the outbox, workflow references and the loop guard's echo
 * ledger; every write is one transaction.
 */
@Export
@Version("5.1.0")
package io.cardlink.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
