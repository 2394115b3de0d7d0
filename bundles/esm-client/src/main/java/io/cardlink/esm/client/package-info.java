/**
 * Java client of the Matrix42 Core/Pro/IGA REST API v1: login and token refresh, streaming and keyset-paged
 * reads, writes, attribute and file calls, template schemas. Create one with {@link EsmClient#create}.
 */
@Export
@Version("1.2.0")
package io.cardlink.esm.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
