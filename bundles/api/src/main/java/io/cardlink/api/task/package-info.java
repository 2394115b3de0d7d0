/** Scheduled and event task definitions with their mappings. */
@Export
@Version("4.0.0")
package io.cardlink.api.task;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
