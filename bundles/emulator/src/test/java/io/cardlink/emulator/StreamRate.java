package io.cardlink.emulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Prints how fast the emulator streams cards over loopback (a harness, not a test):
 * {@code java -cp target/classes:target/test-classes:DEPS io.cardlink.emulator.StreamRate [cards]}.
 * The client walks the document with Jackson's streaming parser, as the connector does.
 */
public final class StreamRate {
    private StreamRate() {
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long t0 = System.nanoTime();
        try (EmulatorServer server = EmulatorServer.start(EmulatorOptions.defaults()
                .withInstances("remote").withGenerated("remote", "incident", cards, 1))) {
            System.out.printf("generated %d incidents in %.2f s%n", cards, (System.nanoTime() - t0) / 1e9);
            Http http = new Http(server.baseUrl("remote")).login();
            for (String query : new String[] {"dataCards=true", "dataCards=false", "dataCards=true",
                "dataCards=true&filter=" + Http.enc("$priority$ >= 3 AND $status$ <> '04 - Closed'")}) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = http.client().send(
                        http.request("/dc/incident/data/stream?" + query).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                long items = 0;
                long bytes;
                try (CountingStream in = new CountingStream(response.body());
                     JsonParser parser = Http.JSON.getFactory().createParser(in)) {
                    int depth = 0;
                    boolean inData = false;
                    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                        if (token == JsonToken.FIELD_NAME && depth == 1 && parser.currentName().equals("data")) {
                            inData = true;
                        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                            depth++;
                            if (inData && depth == 3 && token == JsonToken.START_OBJECT) {
                                items++;
                            }
                        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                            depth--;
                        }
                    }
                    bytes = in.count;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("stream %-80s %7d cards %6.1f MB in %5.2f s = %8.0f cards/s, %5.1f MB/s%n", query, items,
                        bytes / 1e6, seconds, items / seconds, bytes / 1e6 / seconds);
            }
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
