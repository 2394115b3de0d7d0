/** Cardlink's own log files: listing, downloading, and the lines of one run. */
@Export
@Version("1.0.0")
package io.cardlink.api.logs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
