package io.cardlink.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small {@code multipart/form-data} reader for the file upload: parts by field name. */
final class Multipart {
    record Part(String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    static Map<String, Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.badRequest("Expected Content-Type multipart/form-data with the fields fileUpload and fileName");
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw ApiError.badRequest("The multipart Content-Type has no boundary");
        }
        byte[] delimiter = ("--" + (b.group(2) != null ? b.group(2) : b.group(3))).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw ApiError.badRequest("The multipart body does not contain its boundary");
        }
        while (true) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                return parts;
            }
            start = skipLineBreak(body, start);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw ApiError.badRequest("Malformed multipart body");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            byte[] content = new byte[Math.max(0, contentEnd - (headersEnd + 4))];
            System.arraycopy(body, headersEnd + 4, content, 0, content.length);
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                Matcher file = FILENAME.matcher(headers);
                parts.putIfAbsent(name.group(1), new Part(file.find() ? file.group(1) : null, content));
            }
            pos = next;
        }
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
