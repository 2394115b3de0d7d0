package io.cardlink.emulator.internal;

import io.cardlink.api.card.Value;
import io.cardlink.emulator.Faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The faults of one instance. Shares are dealt deterministically: an accumulator per status fails a request when it passes 1. */
final class FaultState implements Faults {

    /** A rule of {@link #refuseCards}: cards whose attribute holds a value shown as {@code value} are not saved. */
    record Refusal(String attributeCode, String value, String message) {
    }

    private final Duration defaultTokenLifetime;
    private Duration latency = Duration.ZERO;
    private final Map<Integer, Double> shares = new TreeMap<>();
    private final Map<Integer, Double> accumulators = new TreeMap<>();
    private Duration tokenLifetime;
    private double spikeShare;
    private double spikeAccumulator;
    private Duration spikeDelay = Duration.ZERO;
    private int dropStreamAfter;
    private int dropStreamEvery;
    private long streamedCards;
    private double failAfterWriteShare;
    private double failAfterWriteAccumulator;
    private boolean emptyListAs404;
    private final List<Refusal> refusals = new ArrayList<>();

    FaultState(Duration defaultTokenLifetime) {
        this.defaultTokenLifetime = defaultTokenLifetime;
        this.tokenLifetime = defaultTokenLifetime;
    }

    @Override
    public synchronized Faults latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latency = delay;
        return this;
    }

    @Override
    public synchronized Faults failShare(int status, double share) {
        if (status != 500 && status != 503 && status != 429) {
            throw new IllegalArgumentException("injected failures are 500, 503 or 429, not " + status);
        }
        checkShare(share);
        if (share == 0) {
            shares.remove(status);
            accumulators.remove(status);
        } else {
            shares.put(status, share);
            accumulators.put(status, 0.0);
        }
        return this;
    }

    @Override
    public synchronized Faults tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("token lifetime must not be negative");
        }
        tokenLifetime = lifetime;
        return this;
    }

    @Override
    public synchronized Faults latencySpikes(double share, Duration delay) {
        checkShare(share);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency spike must not be negative");
        }
        spikeShare = share;
        spikeAccumulator = 0;
        spikeDelay = share == 0 ? Duration.ZERO : delay;
        return this;
    }

    @Override
    public synchronized Faults dropStreamEvery(int cards) {
        dropStreamEvery = Math.max(0, cards);
        streamedCards = 0;
        return this;
    }

    @Override
    public synchronized Faults failAfterWrite(double share) {
        checkShare(share);
        failAfterWriteShare = share;
        failAfterWriteAccumulator = 0;
        return this;
    }

    private static void checkShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be between 0 and 1");
        }
    }

    @Override
    public synchronized Faults dropStreamAfter(int cards) {
        dropStreamAfter = Math.max(0, cards);
        return this;
    }

    @Override
    public synchronized Faults emptyListAs404(boolean on) {
        emptyListAs404 = on;
        return this;
    }

    @Override
    public synchronized Faults refuseCards(String attributeCode, String value, String message) {
        if (attributeCode == null || attributeCode.isBlank() || value == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("refuseCards needs an attribute code, a value and a message");
        }
        refusals.add(new Refusal(attributeCode, value, message));
        return this;
    }

    @Override
    public synchronized Faults clear() {
        latency = Duration.ZERO;
        shares.clear();
        accumulators.clear();
        tokenLifetime = defaultTokenLifetime;
        spikeShare = 0;
        spikeAccumulator = 0;
        spikeDelay = Duration.ZERO;
        dropStreamAfter = 0;
        dropStreamEvery = 0;
        streamedCards = 0;
        failAfterWriteShare = 0;
        failAfterWriteAccumulator = 0;
        emptyListAs404 = false;
        refusals.clear();
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The latency spike this request gets, or zero. */
    synchronized Duration nextSpike() {
        if (spikeShare == 0) {
            return Duration.ZERO;
        }
        spikeAccumulator += spikeShare;
        if (spikeAccumulator >= 1 - 1e-9) {
            spikeAccumulator -= 1;
            return spikeDelay;
        }
        return Duration.ZERO;
    }

    /** Whether this write request fails after it was carried out. */
    synchronized boolean nextFailAfterWrite() {
        if (failAfterWriteShare == 0) {
            return false;
        }
        failAfterWriteAccumulator += failAfterWriteShare;
        if (failAfterWriteAccumulator >= 1 - 1e-9) {
            failAfterWriteAccumulator -= 1;
            return true;
        }
        return false;
    }

    /** Counts a card written to a stream response; true when the stream must break after it. */
    synchronized boolean streamedCardBreaks() {
        if (dropStreamEvery <= 0) {
            return false;
        }
        streamedCards++;
        return streamedCards % dropStreamEvery == 0;
    }

    /** The status this request fails with, or 0 when it is handled normally. */
    synchronized int nextFailure() {
        for (Map.Entry<Integer, Double> e : shares.entrySet()) {
            double acc = accumulators.get(e.getKey()) + e.getValue();
            if (acc >= 1 - 1e-9) {
                accumulators.put(e.getKey(), acc - 1);
                return e.getKey();
            }
            accumulators.put(e.getKey(), acc);
        }
        return 0;
    }

    synchronized Duration tokenLifetime() {
        return tokenLifetime;
    }

    synchronized int dropStreamAfter() {
        return dropStreamAfter;
    }

    synchronized boolean emptyListAs404() {
        return emptyListAs404;
    }

    /** The first rule that refuses a card with these attributes, if any. */
    synchronized Optional<Refusal> refusal(Map<String, List<Value>> attributes) {
        for (Refusal r : refusals) {
            if (attributes.getOrDefault(r.attributeCode(), List.of()).stream()
                    .anyMatch(v -> r.value().equals(v.displayText()))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    synchronized Map<String, Object> describe() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("latencyMs", latency.toMillis());
        Map<String, Double> fail = new java.util.LinkedHashMap<>();
        shares.forEach((k, v) -> fail.put(String.valueOf(k), v));
        out.put("failShare", fail);
        out.put("tokenLifetimeSeconds", tokenLifetime.toSeconds());
        Map<String, Object> spikes = new java.util.LinkedHashMap<>();
        spikes.put("share", spikeShare);
        spikes.put("ms", spikeDelay.toMillis());
        out.put("latencySpikes", spikes);
        out.put("dropStreamAfter", dropStreamAfter);
        out.put("dropStreamEvery", dropStreamEvery);
        out.put("failAfterWrite", failAfterWriteShare);
        out.put("emptyListAs404", emptyListAs404);
        List<Map<String, String>> refuse = new ArrayList<>();
        for (Refusal r : refusals) {
            Map<String, String> rule = new java.util.LinkedHashMap<>();
            rule.put("attributeCode", r.attributeCode());
            rule.put("value", r.value());
            rule.put("message", r.message());
            refuse.add(rule);
        }
        out.put("refuseCards", refuse);
        return out;
    }
}
