/**
 * The timeline of a card: what Cardlink did with one card, across the tasks and directions of a connector, in the
 * order it happened (created, updated or marked removed in the local instance by a run, written to the remote by an
 * event operation, suppressed as an echo, held by the loop breaker, refused by an instance), and when each scheduled
 * task last read it.
 */
@Export
@Version("1.0.0")
package io.cardlink.api.timeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
