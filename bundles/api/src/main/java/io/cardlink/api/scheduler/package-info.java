/**
 * Scheduling of scheduled tasks: the {@link io.cardlink.api.scheduler.TaskScheduler} service, and the SPI that the
 * engine implements for it ({@link io.cardlink.api.scheduler.TaskRunner},
 * {@link io.cardlink.api.scheduler.RunQueueListener}, {@link io.cardlink.api.scheduler.CacheMaintenance}).
 */
@Export
@Version("1.3.0")
package io.cardlink.api.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
