package io.cardlink.storage.jpa.internal;

import io.cardlink.api.mapping.Direction;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardEventKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A page of card timeline entries as one row: the entries of one connector in a compact binary form, and a Bloom
 * filter of the ids a look-up asks for (card key, local id, remote id). A run's page of 200 entries is one row
 * instead of 200 rows with three indexes each, which cost a full sync a quarter of its CPU; a look-up reads the
 * filters of the connector's pages and decodes only the pages that may hold the id (about 1 in 100 of the others).
 */
final class CardEventPages {

    /** The most entries one page row holds: its filter stays a few kilobytes. */
    static final int MAX_ENTRIES = 500;
    static final int ATTRIBUTES_LENGTH = 2_000;
    static final int MESSAGE_LENGTH = 2_000;

    /** About 1% false positives at 10 bits per id with 7 probes. */
    private static final int BITS_PER_ID = 10;
    private static final int PROBES = 7;
    private static final int MIN_FILTER_BYTES = 8;
    private static final byte FORMAT = 1;

    /** What an id in the filter is. */
    enum Lookup {
        KEY('K'), LOCAL_ID('L'), REMOTE_ID('R');

        private final char tag;

        Lookup(char tag) {
            this.tag = tag;
        }
    }

    private CardEventPages() {
    }

    /** The entries in pages of at most {@link #MAX_ENTRIES}, in their order. */
    static List<List<CardEvent>> split(List<CardEvent> events) {
        List<List<CardEvent>> pages = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            pages.add(events.subList(from, Math.min(events.size(), from + MAX_ENTRIES)));
        }
        return pages;
    }

    /** The entries without their connector (a column of the page), with the texts cut to what a page keeps. */
    static byte[] encode(List<CardEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(events.size());
            for (CardEvent event : events) {
                out.writeUTF(event.taskId());
                out.writeBoolean(event.direction() == Direction.READ);
                out.writeUTF(event.cardKey());
                text(out, stored(event.localId(), Columns.RUN_ID));
                text(out, stored(event.remoteId(), Columns.RUN_ID));
                out.writeLong(event.at().getEpochSecond());
                out.writeInt(event.at().getNano());
                out.writeUTF(event.kind().name());
                text(out, event.runId());
                text(out, event.operationId());
                text(out, stored(event.workflow(), Columns.SHORT_TEXT));
                text(out, event.attributes().isEmpty() ? null
                        : stored(String.join(",", event.attributes()), ATTRIBUTES_LENGTH));
                text(out, stored(event.message(), MESSAGE_LENGTH));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<CardEvent> decode(String connectorId, byte[] page) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(page))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("a card timeline page of unknown format " + format);
            }
            int count = in.readInt();
            List<CardEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String taskId = in.readUTF();
                Direction direction = in.readBoolean() ? Direction.READ : Direction.WRITE;
                String cardKey = in.readUTF();
                String localId = text(in);
                String remoteId = text(in);
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                CardEventKind kind = CardEventKind.valueOf(in.readUTF());
                String runId = text(in);
                String operationId = text(in);
                String workflow = text(in);
                String attributes = text(in);
                String message = text(in);
                events.add(new CardEvent(connectorId, taskId, direction, cardKey, localId, remoteId, at, kind, runId,
                        operationId, workflow, attributes == null ? List.of() : Arrays.asList(attributes.split(",")),
                        message));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id as a page keeps it (cut to its length), which is what a look-up compares with. */
    static String stored(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }

    /** The Bloom filter of the entries' keys, local ids and remote ids (as stored). */
    static byte[] filter(List<CardEvent> events) {
        byte[] filter = new byte[Math.max(MIN_FILTER_BYTES, (events.size() * 3 * BITS_PER_ID + 7) / 8)];
        for (CardEvent event : events) {
            add(filter, Lookup.KEY, event.cardKey());
            add(filter, Lookup.LOCAL_ID, stored(event.localId(), Columns.RUN_ID));
            add(filter, Lookup.REMOTE_ID, stored(event.remoteId(), Columns.RUN_ID));
        }
        return filter;
    }

    /** False when the page surely holds no entry with this id; true when it may. */
    static boolean mayHold(byte[] filter, Lookup lookup, String id) {
        long hash = hash(lookup, id);
        long bits = filter.length * 8L;
        for (int probe = 0; probe < PROBES; probe++) {
            long bit = bit(hash, probe, bits);
            if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the entry has this id. */
    static boolean has(CardEvent event, Lookup lookup, String id) {
        return switch (lookup) {
            case KEY -> id.equals(event.cardKey());
            case LOCAL_ID -> id.equals(event.localId());
            case REMOTE_ID -> id.equals(event.remoteId());
        };
    }

    private static void add(byte[] filter, Lookup lookup, String id) {
        if (id == null) {
            return;
        }
        long hash = hash(lookup, id);
        long bits = filter.length * 8L;
        for (int probe = 0; probe < PROBES; probe++) {
            long bit = bit(hash, probe, bits);
            filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
    }

    /** Double hashing: the probes are h1 + i * h2 over the two halves of one 64-bit hash. */
    private static long bit(long hash, int probe, long bits) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        return Integer.toUnsignedLong(h1 + probe * h2) % bits;
    }

    /** FNV-1a over the lookup's tag and the id's chars, then a 64-bit finaliser that spreads the bits. */
    private static long hash(Lookup lookup, String id) {
        long hash = 0xcbf29ce484222325L;
        hash = (hash ^ lookup.tag) * 0x100000001b3L;
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
