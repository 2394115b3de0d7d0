package io.cardlink.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to start an emulator: where to listen, which fixture seeds the instances, and the instance-wide limits.
 * Immutable; every {@code with...} method returns a changed copy.
 */
public final class EmulatorOptions {

    /** N synthetic cards of a template added to an instance after its fixture is loaded. */
    public record Generation(String instance, String templateCode, int count, long seed) {
        public Generation {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(templateCode, "templateCode");
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }

    private final String host;
    private final int port;
    private final Path fixtureFile;
    private final String fixtureJson;
    private final Duration tokenLifetime;
    private final long uploadLimitBytes;
    private final Set<String> instances;
    private final List<Generation> generations;
    private final int threads;
    private final int maxCards;

    private EmulatorOptions(String host, int port, Path fixtureFile, String fixtureJson, Duration tokenLifetime,
            long uploadLimitBytes, Set<String> instances, List<Generation> generations, int threads, int maxCards) {
        this.host = host;
        this.port = port;
        this.fixtureFile = fixtureFile;
        this.fixtureJson = fixtureJson;
        this.tokenLifetime = tokenLifetime;
        this.uploadLimitBytes = uploadLimitBytes;
        this.instances = Set.copyOf(instances);
        this.generations = List.copyOf(generations);
        this.threads = threads;
        this.maxCards = maxCards;
    }

    /**
     * 127.0.0.1, a random port, the demo fixture (instances {@code local} and {@code remote}), 900 s tokens, 10 MiB
     * uploads, at most 2,000,000 cards per instance.
     */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, null, null, Duration.ofSeconds(900), 10L * 1024 * 1024,
                Set.of(), List.of(), 16, 2_000_000);
    }

    /** Port to listen on; 0 picks a free one. */
    public EmulatorOptions withPort(int newPort) {
        if (newPort < 0 || newPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + newPort);
        }
        return new EmulatorOptions(host, newPort, fixtureFile, fixtureJson, tokenLifetime, uploadLimitBytes, instances,
                generations, threads, maxCards);
    }

    /** Address to bind; 127.0.0.1 unless told otherwise. */
    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(Objects.requireNonNull(newHost), port, fixtureFile, fixtureJson, tokenLifetime,
                uploadLimitBytes, instances, generations, threads, maxCards);
    }

    /** Seeds the instances from a fixture file instead of the demo fixture. */
    public EmulatorOptions withFixture(Path file) {
        return new EmulatorOptions(host, port, Objects.requireNonNull(file), null, tokenLifetime, uploadLimitBytes,
                instances, generations, threads, maxCards);
    }

    /** Seeds the instances from fixture JSON given as text. */
    public EmulatorOptions withFixtureJson(String json) {
        return new EmulatorOptions(host, port, null, Objects.requireNonNull(json), tokenLifetime, uploadLimitBytes,
                instances, generations, threads, maxCards);
    }

    public EmulatorOptions withTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, lifetime, uploadLimitBytes, instances,
                generations, threads, maxCards);
    }

    /** Largest file an upload accepts; larger ones get 413. */
    public EmulatorOptions withUploadLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("upload limit must be positive");
        }
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, tokenLifetime, bytes, instances, generations,
                threads, maxCards);
    }

    /** Serves only these instances of the fixture; none given serves all. */
    public EmulatorOptions withInstances(String... names) {
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, tokenLifetime, uploadLimitBytes,
                new LinkedHashSet<>(List.of(names)), generations, threads, maxCards);
    }

    /** Adds {@code count} synthetic cards of a template to an instance at start. */
    public EmulatorOptions withGenerated(String instance, String templateCode, int count, long seed) {
        List<Generation> more = new ArrayList<>(generations);
        more.add(new Generation(instance, templateCode, count, seed));
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, tokenLifetime, uploadLimitBytes, instances,
                more, threads, maxCards);
    }

    /** Size of the request thread pool. */
    public EmulatorOptions withThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one thread");
        }
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, tokenLifetime, uploadLimitBytes, instances,
                generations, count, maxCards);
    }

    /**
     * Most cards an instance may hold after generating some (at start or through its admin endpoint), so that a
     * request can't fill the memory of the JVM the emulator shares.
     */
    public EmulatorOptions withMaxCards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one card");
        }
        return new EmulatorOptions(host, port, fixtureFile, fixtureJson, tokenLifetime, uploadLimitBytes, instances,
                generations, threads, count);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The fixture file, or null when the JSON text or the demo fixture is used. */
    public Path fixtureFile() {
        return fixtureFile;
    }

    /** The fixture JSON text, or null when a file or the demo fixture is used. */
    public String fixtureJson() {
        return fixtureJson;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public long uploadLimitBytes() {
        return uploadLimitBytes;
    }

    public Set<String> instances() {
        return instances;
    }

    public List<Generation> generations() {
        return generations;
    }

    public int threads() {
        return threads;
    }

    public int maxCards() {
        return maxCards;
    }
}
