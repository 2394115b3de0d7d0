package io.cardlink.engine.internal;

import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.TemplateInfo;
import io.cardlink.api.card.TemplateSchema;
import io.cardlink.api.connector.CardCursor;
import io.cardlink.api.connector.CardMatch;
import io.cardlink.api.connector.EndpointCheck;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.connector.ReadRequest;
import io.cardlink.api.connector.RetryCounts;
import io.cardlink.api.connector.WriteOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local instance as a run's page loader writes to it: a bulk upsert of more than one batch sends its batches
 * ({@link #BATCH} cards each) on up to {@code inFlight} threads at once and answers when all of them have, with the
 * outcomes in the order of the cards, as the gateway would one batch after the other. The cards of one upsert are
 * independent of each other (one card per unique key, references resolved before), so their batches may land in any
 * order. A batch that fails does not stop the others: the upsert waits for every batch, then throws the first
 * failure, so that no write is left running behind the run. A page's key look-ups at either instance, a query per
 * few dozen keys ({@link LocalCards#perChunk}), go on the same threads through {@link #all}; they are made from the
 * run's thread only, never from one of these threads, which would wait for itself. Everything else goes straight to
 * the gateway.
 */
final class ConcurrentWrites implements InstanceGateway, AutoCloseable {

    /** The cards of one bulk write: the esm client's batch. */
    static final int BATCH = 200;

    private final InstanceGateway gateway;
    private final ExecutorService writers;

    ConcurrentWrites(InstanceGateway gateway, int inFlight, String name) {
        this.gateway = gateway;
        AtomicInteger count = new AtomicInteger();
        // threads start on the first upsert, from the run's thread, whose log context they carry
        this.writers = Executors.newFixedThreadPool(inFlight,
                task -> LogContext.daemonCarryingCurrent(name + "-" + count.incrementAndGet(), task));
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards) {
        return upsert(templateCode, cards, null);
    }

    @Override
    public List<WriteOutcome> upsert(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        if (cards.size() <= BATCH) {
            return write(templateCode, cards, uniqueKeyAttribute);
        }
        List<Callable<List<WriteOutcome>>> batches = new ArrayList<>();
        for (int from = 0; from < cards.size(); from += BATCH) {
            List<DataCard> batch = cards.subList(from, Math.min(cards.size(), from + BATCH));
            batches.add(() -> write(templateCode, batch, uniqueKeyAttribute));
        }
        List<WriteOutcome> outcomes = new ArrayList<>(cards.size());
        List<List<WriteOutcome>> written = all(batches);
        for (int i = 0; i < written.size(); i++) {
            int offset = i * BATCH;
            for (WriteOutcome outcome : written.get(i)) {
                outcomes.add(new WriteOutcome(offset + outcome.index(), outcome.id(), outcome.created(),
                        outcome.error()));
            }
        }
        return outcomes;
    }

    /**
     * Runs the requests on up to {@code inFlight} threads at once and answers their results in the order given. A
     * request that fails does not stop the others: this waits for every one, then throws the first failure.
     */
    <T> List<T> all(List<Callable<T>> requests) {
        List<Future<T>> running = new ArrayList<>(requests.size());
        requests.forEach(request -> running.add(writers.submit(request)));
        List<T> results = new ArrayList<>(requests.size());
        Throwable failure = null;
        for (Future<T> request : running) {
            try {
                results.add(await(request));
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return results;
    }

    private List<WriteOutcome> write(String templateCode, List<DataCard> cards, String uniqueKeyAttribute) {
        return uniqueKeyAttribute == null ? gateway.upsert(templateCode, cards)
                : gateway.upsert(templateCode, cards, uniqueKeyAttribute);
    }

    /** Waits for a request; an interrupt of the run's thread still waits, so that no request outlives its caller. */
    private static <T> T await(Future<T> request) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return request.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the threads; no request is running by then, since every caller waits for its requests. */
    @Override
    public void close() {
        ThreadsOfARun.end(writers);
    }

    @Override
    public EndpointCheck check() {
        return gateway.check();
    }

    @Override
    public List<TemplateInfo> templates() {
        return gateway.templates();
    }

    @Override
    public TemplateSchema template(String templateCode) {
        return gateway.template(templateCode);
    }

    @Override
    public CardCursor read(ReadRequest request) {
        return gateway.read(request);
    }

    @Override
    public CardCursor readChanged(ReadRequest request, String since) {
        return gateway.readChanged(request, since);
    }

    @Override
    public CardCursor find(ReadRequest request, CardMatch match) {
        return gateway.find(request, match);
    }

    @Override
    public String create(String templateCode, DataCard card) {
        return gateway.create(templateCode, card);
    }

    @Override
    public void update(String templateCode, String id, DataCard changes) {
        gateway.update(templateCode, id, changes);
    }

    @Override
    public void delete(String templateCode, String id) {
        gateway.delete(templateCode, id);
    }

    @Override
    public long downloadFile(String templateCode, String id, String attributeCode, String location, Path target) {
        return gateway.downloadFile(templateCode, id, attributeCode, location, target);
    }

    @Override
    public void uploadFile(String templateCode, String id, String attributeCode, String fileName, Path file) {
        gateway.uploadFile(templateCode, id, attributeCode, fileName, file);
    }

    @Override
    public String cardKeyAttribute() {
        return gateway.cardKeyAttribute();
    }

    @Override
    public Set<String> instanceAttributes() {
        return gateway.instanceAttributes();
    }

    @Override
    public String changeMark(DataCard card) {
        return gateway.changeMark(card);
    }

    @Override
    public Comparator<String> markOrder() {
        return gateway.markOrder();
    }

    @Override
    public String markCeiling(Instant runStart, Duration clockSkew) {
        return gateway.markCeiling(runStart, clockSkew);
    }

    @Override
    public RetryCounts retries() {
        return gateway.retries();
    }
}
