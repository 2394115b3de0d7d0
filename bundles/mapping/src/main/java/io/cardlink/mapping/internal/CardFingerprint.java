package io.cardlink.mapping.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.DateTimeValue;
import io.cardlink.api.card.DateValue;
import io.cardlink.api.card.ExternalReferenceValue;
import io.cardlink.api.card.NumberValue;
import io.cardlink.api.card.ReferenceValue;
import io.cardlink.api.card.StaticValue;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.api.card.WorklogValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256, cut to 128 bits, of a card's template, folder and attributes in a canonical form: attributes by code,
 * values sorted, each field length-prefixed so that no two cards share an encoding. Only what a write sends counts.
 */
final class CardFingerprint {
    /** Changes whenever the encoding changes, so that old fingerprints stop matching. */
    private static final byte FORMAT = 1;

    private CardFingerprint() {
    }

    static String of(DataCard card) {
        // Encoded in full first: one digest call costs far less than many small ones.
        Encoding out = new Encoding();
        out.write(FORMAT);
        text(out, card.templateCode());
        text(out, card.folderCode());
        List<String> codes = new ArrayList<>(card.attributes().keySet());
        codes.sort(null);
        for (String code : codes) {
            List<Value> values = card.attributes().get(code);
            text(out, code);
            number(out, values.size());
            if (values.size() == 1) {
                text(out, encode(values.get(0)));
                continue;
            }
            List<String> encoded = new ArrayList<>(values.size());
            for (Value value : values) {
                encoded.add(encode(value));
            }
            encoded.sort(null);
            for (String value : encoded) {
                text(out, value);
            }
        }
        return HexFormat.of().formatHex(out.digest(), 0, 16);
    }

    /**
     * The encoding's bytes, hashed where they lie: not synchronized per byte as {@link ByteArrayOutputStream} is, and
     * started large enough for a typical card, so that neither its growth nor a copy for the digest shows in a run.
     */
    private static final class Encoding extends ByteArrayOutputStream {
        Encoding() {
            super(2048);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void writeBytes(byte[] bytes) {
            if (count + bytes.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + bytes.length));
            }
            System.arraycopy(bytes, 0, buf, count, bytes.length);
            count += bytes.length;
        }

        byte[] digest() {
            MessageDigest sha256 = sha256();
            sha256.update(buf, 0, count);
            return sha256.digest();
        }
    }

    /** The written content of a value as one string, tagged by kind, its fields length-prefixed. */
    private static String encode(Value value) {
        if (value instanceof StringValue string) {
            return fields('s', string.value());
        }
        if (value instanceof NumberValue number) {
            return fields('n', number.value().stripTrailingZeros().toPlainString());
        }
        if (value instanceof DateValue date) {
            return fields('d', date.value().toString());
        }
        if (value instanceof DateTimeValue dateTime) {
            return fields('t', dateTime.value().toString());
        }
        if (value instanceof ReferenceValue reference) {
            return fields('r', reference.dataCardId());
        }
        if (value instanceof StaticValue choice) {
            return fields('c', choice.value(), choice.code());
        }
        if (value instanceof ExternalReferenceValue link) {
            return fields('x', link.name(), link.location());
        }
        if (value instanceof WorklogValue worklog) {
            return fields('w', worklog.text());
        }
        throw new IllegalArgumentException("unknown value " + value.getClass().getName());
    }

    private static String fields(char kind, String... fields) {
        StringBuilder out = new StringBuilder().append(kind);
        for (String field : fields) {
            if (field == null) {
                out.append("-;");
            } else {
                out.append(field.length()).append(':').append(field);
            }
        }
        return out.toString();
    }

    private static void text(Encoding out, String text) {
        if (text == null) {
            number(out, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        number(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void number(Encoding out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
