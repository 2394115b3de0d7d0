package io.cardlink.api.logs;

import java.time.Instant;

/** One file of Cardlink's log folder: its name (no path), size in bytes and last change. */
public record LogFile(String name, long size, Instant lastModified) {
}
