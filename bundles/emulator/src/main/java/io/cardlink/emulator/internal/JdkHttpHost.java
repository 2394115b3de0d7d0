package io.cardlink.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves the core over the JDK's HTTP server under {@code /emulator}, for embedded and standalone use. */
public final class JdkHttpHost implements AutoCloseable {
    public static final String CONTEXT = "/emulator";

    private final HttpServer server;
    private final ExecutorService executor;

    public JdkHttpHost(Emulator emulator, String host, int port, int threads) throws IOException {
        // Without TCP_NODELAY small responses wait for delayed ACKs on loopback; read once when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cardlink-emulator-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(CONTEXT, exchange -> serve(emulator, exchange));
        server.createContext("/", exchange -> {
            byte[] body = Emulator.errorBody(new com.fasterxml.jackson.databind.ObjectMapper(), 404,
                    "The emulator serves its instances under " + CONTEXT + "/NAME.", exchange.getRequestURI().toString());
            exchange.getResponseHeaders().set("Content-Type", Reply.JSON);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(Emulator emulator, HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath().substring(CONTEXT.length());
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long contentLength = -1;
        if (length != null) {
            try {
                contentLength = Long.parseLong(length.trim());
            } catch (NumberFormatException ignored) {
                contentLength = -1;
            }
        }
        try (InputStream body = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), rawPath, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders()::getFirst, body, contentLength, "http://" + host + CONTEXT);
            Reply reply = emulator.handle(request);
            for (Map.Entry<String, String> h : reply.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.stream() == null) {
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
                return;
            }
            exchange.sendResponseHeaders(reply.status(), 0);
            OutputStream out = exchange.getResponseBody();
            // A DropConnection escapes the handler on purpose: the JDK server then closes the socket without the final chunk.
            reply.stream().writeTo(out);
            out.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
