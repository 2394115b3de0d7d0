/** How long Cardlink keeps runs, finished event operations, extract files and alerts, and the clean-up. */
@Export
@Version("1.0.0")
package io.cardlink.api.retention;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
