package io.cardlink.emulator.internal;

import io.cardlink.emulator.Faults;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The faults of one instance. Shares are dealt deterministically: an accumulator per status fails a request when it passes 1. */
final class FaultState implements Faults {
    private final Duration defaultTokenLifetime;
    private Duration latency = Duration.ZERO;
    private final Map<Integer, Double> shares = new TreeMap<>();
    private final Map<Integer, Double> accumulators = new TreeMap<>();
    private Duration tokenLifetime;
    private int dropStreamAfter;
    private boolean emptyListAs404;

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
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be between 0 and 1");
        }
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
    public synchronized Faults clear() {
        latency = Duration.ZERO;
        shares.clear();
        accumulators.clear();
        tokenLifetime = defaultTokenLifetime;
        dropStreamAfter = 0;
        emptyListAs404 = false;
        return this;
    }

    synchronized Duration latency() {
        return latency;
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

    synchronized Map<String, Object> describe() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("latencyMs", latency.toMillis());
        Map<String, Double> fail = new java.util.LinkedHashMap<>();
        shares.forEach((k, v) -> fail.put(String.valueOf(k), v));
        out.put("failShare", fail);
        out.put("tokenLifetimeSeconds", tokenLifetime.toSeconds());
        out.put("dropStreamAfter", dropStreamAfter);
        out.put("emptyListAs404", emptyListAs404);
        return out;
    }
}
