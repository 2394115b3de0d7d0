package io.cardlink.emulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** What the core answers: a status, headers and either a complete body or a body written while it is sent. */
record Reply(int status, Map<String, String> headers, String contentType, byte[] body, StreamBody stream) {

    static final String JSON = "application/json";

    /** A body written piece by piece; it throws {@link DropConnection} to break the connection on purpose. */
    interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Thrown by a stream body when the transport must cut the connection without finishing the response. */
    static final class DropConnection extends IOException {
        private static final long serialVersionUID = 1L;

        DropConnection(String message) {
            super(message);
        }
    }

    static Reply json(int status, byte[] body) {
        return new Reply(status, Map.of(), JSON, body, null);
    }
}
