package io.cardlink.emulator.internal;

import java.time.Instant;

/**
 * The write clock of one instance: every call to {@link #next()} returns a later microsecond than the one before,
 * even within one wall-clock microsecond or when the wall clock steps back, so that {@code updated} works as a
 * strictly increasing watermark. Microseconds rather than milliseconds: a burst of writes (the generation of 100,000
 * cards takes about a second) then stays on the wall clock instead of running ahead of it, as milliseconds did by up
 * to a minute and a half, which made incremental runs read those cards again for as long.
 */
final class MonotonicClock {
    private static final long MICROS_PER_SECOND = 1_000_000;

    private long lastMicros;

    synchronized Instant next() {
        lastMicros = Math.max(wallMicros(), lastMicros + 1);
        return instant(lastMicros);
    }

    /** The current time, never earlier than the last write. */
    synchronized Instant now() {
        return instant(Math.max(wallMicros(), lastMicros));
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000);
    }
}
