package io.cardlink.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON client over java.net.http for the emulator's tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode json, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    Http(String base) {
        this.base = base;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Http login() {
        Response r = form("/users/login", "login=webapi&password=webapi");
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.text());
        }
        token = r.header("Authorization");
        return this;
    }

    String token() {
        return token;
    }

    Http withToken(String newToken) {
        token = newToken;
        return this;
    }

    Response form(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response json(String method, String path, Object body) {
        try {
            byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            return send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response multipart(String path, String fileName, byte[] content) {
        String boundary = "----cardlinktest" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\n" + fileName
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"fileUpload\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", token);
        }
        return b;
    }

    Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode node = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json") && r.body().length > 0) {
                node = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), node, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }
}
