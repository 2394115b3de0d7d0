/** Persistence of connectors, tasks, runs, the task caches and the outbox; every write is one transaction. */
@Export
@Version("1.3.0")
package io.cardlink.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
