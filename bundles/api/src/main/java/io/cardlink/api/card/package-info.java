/** Data cards of a Matrix42 instance, their typed values and template schemas. */
@Export
@Version("1.0.0")
package io.cardlink.api.card;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
