package io.cardlink.esm.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream that fails when no bytes arrive for the read timeout. The JDK's own
 * {@code BodyHandlers.ofInputStream()} waits forever on a stalled body. Only one chunk is requested ahead, so a
 * large body never piles up in memory.
 */
final class TimedBodySubscriber extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long timeoutMillis;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> chunk;
    private ByteBuffer current;
    private boolean ended;

    TimedBodySubscriber(Duration readTimeout) {
        this.timeoutMillis = readTimeout.toMillis();
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.offer(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.offer(throwable);
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Makes {@code current} hold unread bytes; false at the end of the body. */
    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("response body closed");
            }
            if (chunk != null && chunk.hasNext()) {
                current = chunk.next();
                continue;
            }
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new IOException("interrupted while reading the response body", e);
            }
            if (next == null) {
                cancel();
                throw new SocketTimeoutException("no data received for " + timeoutMillis + " ms");
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? new IOException(io.getMessage(), io)
                        : new IOException("response body failed", t);
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) next;
                chunk = buffers.iterator();
                subscription.request(1);
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cancel();
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
