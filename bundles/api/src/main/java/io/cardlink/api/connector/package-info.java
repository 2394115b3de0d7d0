/** Connectors, the connector-type SPI and connection status. */
@Export
@Version("2.1.0")
package io.cardlink.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
