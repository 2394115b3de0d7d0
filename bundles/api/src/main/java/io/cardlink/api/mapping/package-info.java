/**
 * Mapping of data cards between two instances: compile a {@link io.cardlink.api.task.Mapping} against the two
 * template schemas once per run, then apply it to each card; validation of a mapping; card fingerprints.
 */
@Export
@Version("2.0.0")
package io.cardlink.api.mapping;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
