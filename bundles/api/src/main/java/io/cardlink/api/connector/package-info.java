/** Connectors, the connector-type SPI and connection status. */
@Export
@Version("1.6.0")
package io.cardlink.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
