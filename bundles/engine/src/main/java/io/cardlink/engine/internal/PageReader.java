package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.CardCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The reading side of a run, on a thread of its own: opens the remote cursor, writes every card to the extract file
 * and hands the cards on in pages through a bounded queue, so that reading and parsing overlap the loading of the
 * pages before. At most {@code queued} pages wait while one more is being read, so memory stays bounded whatever
 * the number of cards. A failure of the reader reaches the run's thread as the exception it was, when it takes the
 * next page. {@link #close()} stops the reader and waits for its thread: nothing is left behind.
 */
final class PageReader implements AutoCloseable {

    private sealed interface Item permits Page, End, Failed {
    }

    private record Page(List<DataCard> cards) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(Throwable cause) implements Item {
    }

    private static final long OFFER_WAIT_MILLIS = 100;

    private final Supplier<CardCursor> open;
    private final ExtractFiles.Writer extract;
    private final int pageSize;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile boolean cancelled;
    private boolean ended;

    PageReader(String name, Supplier<CardCursor> open, ExtractFiles.Writer extract, int pageSize, int queued) {
        this.open = open;
        this.extract = extract;
        this.pageSize = pageSize;
        this.queue = new ArrayBlockingQueue<>(queued);
        this.thread = LogContext.daemonCarryingCurrent(name, this::read);
    }

    PageReader start() {
        thread.start();
        return this;
    }

    /**
     * The next page, waiting for the reader; null after the last one. Throws what made the reader fail (the same
     * exception, so that the run classifies it as it would on its own thread).
     */
    List<DataCard> next() {
        if (ended) {
            return null;
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the remote cards", e);
        }
        if (item instanceof Page page) {
            return page.cards();
        }
        ended = true;
        if (item instanceof Failed failed) {
            if (failed.cause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.cause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.cause());
        }
        return null;
    }

    /** Whether the reader has reached the end of the remote and every page has been taken. */
    boolean finished() {
        return ended || queue.peek() instanceof End;
    }

    private void read() {
        try (CardCursor cursor = open.get()) {
            while (!cancelled) {
                List<DataCard> page = new ArrayList<>(pageSize);
                while (page.size() < pageSize && cursor.hasNext()) {
                    DataCard card = cursor.next();
                    extract.write(card);
                    page.add(card);
                }
                if (page.isEmpty()) {
                    break;
                }
                hand(new Page(page));
            }
            hand(new End());
        } catch (Throwable e) {
            if (!cancelled) {
                hand(new Failed(e));
            }
        }
    }

    /** Puts an item in the queue, waiting while it is full, unless the run no longer wants it. */
    private void hand(Item item) {
        try {
            while (!cancelled) {
                if (queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reader if it is still reading and waits for its thread to end (it closes the cursor). */
    @Override
    public void close() {
        cancelled = true;
        thread.interrupt();
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
