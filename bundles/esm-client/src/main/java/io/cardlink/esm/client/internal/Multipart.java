package io.cardlink.esm.client.internal;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/** A {@code multipart/form-data} body with the upload fields {@code fileName} and {@code fileUpload}. */
final class Multipart {
    private final String boundary = "cardlink-" + UUID.randomUUID();
    private final String fileName;

    Multipart(String fileName) {
        this.fileName = fileName;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher of(byte[] content) {
        return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head()),
                HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail()));
    }

    HttpRequest.BodyPublisher of(Path file) throws FileNotFoundException {
        return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head()),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail()));
    }

    private byte[] head() {
        String quoted = fileName.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
        String text = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"fileName\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + fileName + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"fileUpload\"; filename=\"" + quoted + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] tail() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
