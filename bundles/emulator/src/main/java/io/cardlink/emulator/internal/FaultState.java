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
    private int dropStreamAfter;
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
        dropStreamAfter = 0;
        emptyListAs404 = false;
        refusals.clear();
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
        out.put("dropStreamAfter", dropStreamAfter);
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
