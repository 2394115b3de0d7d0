/** Exceptions shared by every Cardlink service: each says whether a retry can help. */
@Export
@Version("1.2.0")
package io.cardlink.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
