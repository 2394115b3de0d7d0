/** Services the edges (REST, shell, console) call. */
@Export
@Version("1.6.0")
package io.cardlink.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
