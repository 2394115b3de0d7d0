/** Runs of scheduled tasks: phases, counts, status. */
@Export
@Version("1.4.0")
package io.cardlink.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
