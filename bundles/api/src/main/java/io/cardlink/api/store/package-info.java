/** Persistence of connectors, tasks, runs and the task caches; every write is one transaction. */
@Export
@Version("1.1.0")
package io.cardlink.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
