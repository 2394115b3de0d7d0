/** Persistence of connectors, tasks and runs; every write is one transaction. */
@Export
@Version("1.0.0")
package io.cardlink.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
