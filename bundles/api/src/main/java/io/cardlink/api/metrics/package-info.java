/** Metrics: what a Prometheus server scrapes, and the observer of the calls to the instances. */
@Export
@Version("1.0.0")
package io.cardlink.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
