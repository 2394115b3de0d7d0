package io.cardlink.emulator.internal;

import java.time.Instant;

/**
 * The write clock of one instance: every call to {@link #next()} returns a later millisecond than the one before,
 * even within one wall-clock millisecond or when the wall clock steps back, so that {@code updated} works as a
 * strictly increasing watermark.
 */
final class MonotonicClock {
    private long last;

    synchronized Instant next() {
        last = Math.max(System.currentTimeMillis(), last + 1);
        return Instant.ofEpochMilli(last);
    }

    /** The current time, never earlier than the last write. */
    synchronized Instant now() {
        return Instant.ofEpochMilli(Math.max(System.currentTimeMillis(), last));
    }
}
