package io.cardlink.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap use read from the JVM's unified GC log ({@code -Xlog:gc*}): each pause line says {@code before->after(committed)}.
 * A window starts at a file offset ({@link #mark}) so that one run's figures are read apart from the others'.
 */
final class HeapLog {
    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\].*Pause.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** The most heap in use when a collection started, and the most still in use after one (live set and garbage not yet due). */
    record Peak(long beforeGcBytes, long afterGcBytes, long committedBytes, int pauses) {
        double beforeMb() {
            return beforeGcBytes / 1048576.0;
        }

        double afterMb() {
            return afterGcBytes / 1048576.0;
        }
    }

    private final Path file;

    HeapLog(Path file) {
        this.file = file;
    }

    long mark() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    Peak since(long offset) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        int pauses = 0;
        if (!Files.exists(file)) {
            return new Peak(0, 0, 0, 0);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] rest = new byte[(int) (in.length() - offset)];
            in.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    pauses++;
                    before = Math.max(before, bytes(m.group(1), m.group(2)));
                    after = Math.max(after, bytes(m.group(3), m.group(4)));
                    committed = Math.max(committed, bytes(m.group(5), m.group(6)));
                }
            }
        }
        return new Peak(before, after, committed, pauses);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
