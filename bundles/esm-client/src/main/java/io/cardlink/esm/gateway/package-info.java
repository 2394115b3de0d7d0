/**
 * One Matrix42 instance as Cardlink's {@link io.cardlink.api.connector.InstanceGateway}, over the esm client: what
 * the CoreProIGA connector uses for the remote instance and the engine for the local one.
 */
@Export
@Version("1.1.0")
package io.cardlink.esm.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
