package io.cardlink.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The unique keys one run has read, in memory and compact: a 128-bit fingerprint per key (the first half of its
 * SHA-256) in an open-addressing table at most half full, 17 bytes a slot (36 MB for a million cards). They drop
 * the second copy of a card within the run and tell the removal step, after a complete read, which local cards the
 * run did not see. Nothing of it needs to outlive the run: a run that does not end reads everything again and removes
 * nothing. Two keys share a fingerprint with a chance of about 10^-27 at a million keys, so a fingerprint stands for
 * its key.
 * Not thread-safe: one run's thread uses it.
 */
final class SeenKeys {
    private static final int INITIAL_CAPACITY = 1 << 12;

    private long[] high = new long[INITIAL_CAPACITY];
    private long[] low = new long[INITIAL_CAPACITY];
    /** Slot {@code i} is used when {@code used[i]}; a fingerprint of all zero bits is a valid one. */
    private boolean[] used = new boolean[INITIAL_CAPACITY];
    private int size;
    private final MessageDigest sha256;

    SeenKeys() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Records the keys as seen; returns those seen before (in this call or an earlier one). */
    Set<String> markSeen(Collection<String> keys) {
        Set<String> duplicates = new LinkedHashSet<>();
        for (String key : keys) {
            if (!add(key)) {
                duplicates.add(key);
            }
        }
        return duplicates;
    }

    /** Which of the keys were seen. */
    Set<String> seen(Collection<String> keys) {
        Set<String> seen = new LinkedHashSet<>();
        for (String key : keys) {
            byte[] digest = digest(key);
            if (used[slot(high(digest), low(digest), high, low, used)]) {
                seen.add(key);
            }
        }
        return seen;
    }

    int size() {
        return size;
    }

    private boolean add(String key) {
        byte[] digest = digest(key);
        long h = high(digest);
        long l = low(digest);
        int slot = slot(h, l, high, low, used);
        if (used[slot]) {
            return false;
        }
        high[slot] = h;
        low[slot] = l;
        used[slot] = true;
        if (++size * 2 > used.length) {
            grow();
        }
        return true;
    }

    /** The slot holding the fingerprint, or the free slot where it goes. */
    private static int slot(long h, long l, long[] highs, long[] lows, boolean[] taken) {
        int mask = taken.length - 1;
        int slot = (int) (l ^ (l >>> 32)) & mask;
        while (taken[slot] && (highs[slot] != h || lows[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int capacity = used.length * 2;
        long[] newHigh = new long[capacity];
        long[] newLow = new long[capacity];
        boolean[] newUsed = new boolean[capacity];
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                int slot = slot(high[i], low[i], newHigh, newLow, newUsed);
                newHigh[slot] = high[i];
                newLow[slot] = low[i];
                newUsed[slot] = true;
            }
        }
        high = newHigh;
        low = newLow;
        used = newUsed;
    }

    private byte[] digest(String key) {
        return sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static long high(byte[] digest) {
        return bytesToLong(digest, 0);
    }

    private static long low(byte[] digest) {
        return bytesToLong(digest, 8);
    }

    private static long bytesToLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
