/** Connectors, the connector-type SPI and connection status. */
@Export
@Version("3.0.0")
package io.cardlink.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
