package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.esm.client.BulkItemResult;
import io.cardlink.esm.client.CardStream;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.ReadQuery;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every stage and prints the table; the same figures go to {@code target/benchmark-results.json}.
 *
 * <p>System properties: {@code n} (remote incidents, default 100000), {@code reps} (repetitions of the emulator-alone
 * figures and the raw copy, default 3), {@code fullReps} (repetitions of the engine's full sync, default 1: it is
 * long), {@code shortReps} (repetitions of the short runs, default 3), {@code faultReps} (repetitions of the
 * full sync under 20% faults, default 1), {@code million}
 * (true adds the 1,000,000-card run at -Xmx256m), {@code karafHeap} (default 1g), {@code emulatorHeap},
 * {@code portBase} (default 24000), {@code runBoundMinutes} (one run's bound, default 30), {@code jfr} (default
 * true: profiles the last full sync, the last unchanged re-sync and the orchestration with 1 caller), {@code millionOnly} (true runs only that stage; its JSON goes to benchmark-results-million.json),
 * {@code localWritesInFlight} (the connector's setting; empty: its default), {@code orchestrationOnly} (true runs
 * only figure 6 in Karaf), {@code profileCallers} (the caller count whose orchestration is profiled, default 1),
 * {@code localLatencyMs} (when above 0, adds row 1n: the full sync with every request to the local instance answered
 * that much later, as over a network; default 0).
 */
public final class BenchmarkMain {
    /** The first administrator's password: one of this run, given through CARDLINK_ADMIN_PASSWORD. */
    private static final String ADMIN_PASSWORD = "bench-" + UUID.randomUUID();
    private static final String LOCAL = "local";
    private static final String REMOTE = "remote";
    /**
     * 20% of the requests fail or stall: 6% 503 and 4% 429 (with Retry-After: 1), 5% 500, 3% answered 2 s late,
     * and 10% of the writes carried out and then answered 500; the stream in progress is cut every 5,000 cards.
     */
    static final String MIXED_FAULTS = "{\"failShare\":{\"503\":0.06,\"429\":0.04,\"500\":0.05},"
            + "\"latencySpikes\":{\"share\":0.03,\"ms\":2000},\"failAfterWrite\":0.1,\"dropStreamEvery\":5000}";

    private final int n;
    private final int reps;
    private final int fullReps;
    private final int shortReps;
    private final int faultReps;
    private final int localLatencyMs;
    private final boolean million;
    private final boolean millionOnly;
    private final boolean orchestrationOnly;
    private final int profileCallers;
    private final String karafHeap;
    private final int portBase;
    private final Duration runBound;
    private final boolean jfr;
    private final Path workDir;
    private final Path distribution;
    private final Path emulatorJar;
    private final Report report;

    private EmulatorJvm emulator;
    private List<String> remoteIncidentIds = List.of();
    private Double rawRate;
    /** CPU seconds of the raw copy's client per 100,000 cards, once measured. */
    private Double rawCpuPer100k;

    private BenchmarkMain() {
        n = Integer.getInteger("n", 100_000);
        reps = Integer.getInteger("reps", 3);
        fullReps = Integer.getInteger("fullReps", 3);
        shortReps = Integer.getInteger("shortReps", 3);
        faultReps = Integer.getInteger("faultReps", 1);
        localLatencyMs = Integer.getInteger("localLatencyMs", 0);
        millionOnly = Boolean.getBoolean("millionOnly");
        million = millionOnly || Boolean.getBoolean("million");
        orchestrationOnly = Boolean.getBoolean("orchestrationOnly");
        profileCallers = Integer.getInteger("profileCallers", 1);
        karafHeap = System.getProperty("karafHeap", "1g");
        portBase = Integer.getInteger("portBase", 24_000);
        runBound = Duration.ofMinutes(Integer.getInteger("runBoundMinutes", 30));
        jfr = Boolean.parseBoolean(System.getProperty("jfr", "true"));
        workDir = Path.of(System.getProperty("benchmark.workDir", "target")).toAbsolutePath();
        distribution = Path.of(System.getProperty("benchmark.distribution",
                "karaf-assembly/target/cardlink-karaf-assembly-0.1.0-SNAPSHOT.tar.gz")).toAbsolutePath();
        emulatorJar = Path.of(System.getProperty("benchmark.emulatorJar",
                "bundles/emulator/target/cardlink-emulator-0.1.0-SNAPSHOT-standalone.jar")).toAbsolutePath();
        report = new Report(workDir, millionOnly ? "benchmark-results-million.json" : "benchmark-results.json");
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkMain().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(workDir);
        report.machine(n, reps, shortReps, karafHeap);
        String emulatorHeap = System.getProperty("emulatorHeap", million ? "12g" : "8g");
        report.note("distribution", distribution + ", built " + Files.getLastModifiedTime(distribution));
        try {
            emulator = EmulatorJvm.start(emulatorJar, workDir, portBase + 90,
                    List.of("-Xms" + emulatorHeap, "-Xmx" + emulatorHeap, "-XX:+UseParallelGC"),
                    "--host", "127.0.0.1", "--threads", "8");
            report.note("emulator", emulator + ", -Xmx" + emulatorHeap + ", 8 threads");
            if (millionOnly) {
                stage("1,000,000 cards at -Xmx256m", this::million);
                return;
            }
            if (orchestrationOnly) {
                stage("engine in Karaf, orchestration only", () -> engine(karafHeap));
                return;
            }
            stage("remote instance with " + n + " incidents", () -> prepareRemote(n));
            stage("emulator alone", this::emulatorAlone);
            stage("raw copy", this::rawCopy);
            stage("engine in Karaf", () -> engine(karafHeap));
            if (million) {
                stage("1,000,000 cards at -Xmx256m", this::million);
            } else {
                report.row("5b", "1,000,000 cards, Karaf -Xmx256m", "not run (add -Dmillion=true)", "");
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
            report.print();
            report.write();
        }
    }

    private interface Stage {
        void run() throws Exception;
    }

    private void stage(String name, Stage stage) {
        log("== " + name + " (load average " + Report.loadAverage() + ")");
        try {
            stage.run();
        } catch (Exception | AssertionError e) {
            log(name + " failed: " + e);
            e.printStackTrace(System.out);
            report.problem(name + ": " + e.getMessage());
        }
    }

    /** Generates incidents on the remote instance until it holds {@code total}; keeps their ids for the changes. */
    private void prepareRemote(int total) throws Exception {
        EsmClient remote = emulatorClient(REMOTE);
        int present = ids(remote).size();
        if (present < total) {
            long t0 = System.nanoTime();
            emulator.access(REMOTE).generate(Workload.INCIDENT, total - present, 7L + present);
            log(String.format(Locale.ROOT, "generated %,d remote incidents in %.1f s", total - present, secondsSince(t0)));
        }
        remoteIncidentIds = ids(remote);
        log(String.format(Locale.ROOT, "remote holds %,d incidents", remoteIncidentIds.size()));
    }

    private static List<String> ids(EsmClient client) {
        List<String> ids = new ArrayList<>();
        try (CardStream stream = client.stream(Workload.INCIDENT, ReadQuery.all().idsOnly())) {
            while (stream.hasNext()) {
                ids.add(stream.next().id());
            }
        }
        return ids;
    }

    /** The emulator's own rates: streaming the remote alone, and bulk writes to the local alone. */
    private void emulatorAlone() throws Exception {
        RawCopy copy = new RawCopy(emulatorClient(REMOTE), emulatorClient(LOCAL));
        warmUp(copy);
        List<Double> streamRates = new ArrayList<>();
        List<Double> emulatorCpuShare = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            Cpu cpu = new Cpu(null);
            long t0 = System.nanoTime();
            long cards = bounded(copy::streamOnly);
            double s = secondsSince(t0);
            streamRates.add(cards / s);
            emulatorCpuShare.add(cpu.emulatorSeconds() / s);
        }
        emulator.access(LOCAL).reset();
        Map<String, String> persons = copy.copyPersons();
        List<DataCard> drafts = copy.incidentDrafts(persons);
        List<Double> writeRates = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            emulator.access(LOCAL).reset();
            copy.copyPersons();
            long t0 = System.nanoTime();
            long cards = bounded(() -> copy.writeAll(drafts));
            writeRates.add(cards / secondsSince(t0));
        }
        Stats stream = Stats.of(streamRates);
        Stats write = Stats.of(writeRates);
        report.row("0a", "emulator alone: stream of the remote (client parses, nothing else)", stream.format("%,.0f") + " cards/s",
                String.format(Locale.ROOT, "emulator CPU %.0f%% of one core", 100 * Stats.of(emulatorCpuShare).median()));
        report.row("0b", "emulator alone: bulk writes of 200 to the local", write.format("%,.0f") + " cards/s", "");
        ObjectNode json = report.json().putObject("emulatorAlone");
        put(json.putObject("streamCardsPerSecond"), stream);
        put(json.putObject("bulkWriteCardsPerSecond"), write);
    }

    /** One untimed stream and copy, so that the JIT of the emulator and of this JVM has compiled the hot paths. */
    private void warmUp(RawCopy copy) throws Exception {
        long t0 = System.nanoTime();
        bounded(copy::streamOnly);
        emulator.access(LOCAL).reset();
        Map<String, String> persons = copy.copyPersons();
        bounded(() -> copy.copyIncidents(persons));
        log(String.format(Locale.ROOT, "warm-up (one stream, one copy; not counted) took %.1f s", secondsSince(t0)));
    }

    /** Stream the remote, bulk-write the local in 200s, nothing else; into a reset local instance each time. */
    private void rawCopy() throws Exception {
        RawCopy copy = new RawCopy(emulatorClient(REMOTE), emulatorClient(LOCAL));
        List<Double> rates = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<Double> cpuPer100k = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            emulator.access(LOCAL).reset();
            Map<String, String> persons = copy.copyPersons();
            Cpu cpu = new Cpu(null);
            long t0 = System.nanoTime();
            long cards = bounded(() -> copy.copyIncidents(persons));
            double s = secondsSince(t0);
            rates.add(cards / s);
            seconds.add(s);
            cpuPer100k.add(cpu.selfSeconds() * 100_000 / Math.max(1, cards));
            log(String.format(Locale.ROOT, "raw copy %d: %,d cards in %.1f s (%,.0f cards/s); CPU s: emulator %.1f, client %.1f",
                    i + 1, cards, s, cards / s, cpu.emulatorSeconds(), cpu.selfSeconds()));
        }
        Stats rate = Stats.of(rates);
        rawRate = rate.median();
        report.row("2", "raw copy by the bare esm-client (stream + bulkUpsert 200s, one thread)",
                rate.format("%,.0f") + " cards/s", Stats.of(seconds).format("%.1f") + " s");
        rawCpuPer100k = Stats.of(cpuPer100k).median();
        ObjectNode json = report.json().putObject("rawCopy");
        put(json.putObject("cardsPerSecond"), rate);
        put(json.putObject("seconds"), Stats.of(seconds));
        json.put("cpuSecondsPer100k", rawCpuPer100k);
    }

    /** Figures 1, 3, 4 and 5 (peak heap): the distribution started as a process, driven over REST. */
    private void engine(String heap) throws Exception {
        Map<String, String> engineSettings = Map.of("localUrl", emulator.url(LOCAL), "environment", "TEST",
                "demo", "false");
        try (KarafDistribution karaf = unpack("karaf", heap, engineSettings)) {
            long t0 = System.nanoTime();
            karaf.start(Duration.ofMinutes(5));
            log(String.format(Locale.ROOT, "Karaf up in %.1f s (pid %d, -Xmx%s)", secondsSince(t0), karaf.pid(), heap));
            CardlinkApi api = new CardlinkApi(rest(karaf));
            boolean settingsEndpoint = api.putSettings(engineSettings);
            report.note("engine settings", settingsEndpoint ? "PUT /settings" : "etc/io.cardlink.engine.cfg (no PUT /settings)");
            String connector = api.createConnector("benchmark", emulator.url(REMOTE));
            if (!api.hasScheduledTasks(connector)) {
                String missing = "not measured: no /connectors/{cid}/scheduled-tasks endpoint in this build";
                report.row("1", "full sync (engine in Karaf)", missing, "");
                report.row("3", "unchanged re-sync", missing, "");
                report.row("4", "incremental, 1% changed", missing, "");
                report.row("5a", "peak heap of Karaf during (1)", missing, "");
                report.json().putObject("engine").put("measured", false).put("reason", missing);
                return;
            }
            if (orchestrationOnly) {
                orchestration(karaf, api, connector);
                return;
            }
            String personTask = api.createTask(connector, Workload.personTask("benchmark persons"));
            String incidentTask = api.createTask(connector, Workload.incidentTask("benchmark incidents", "FULL"));
            ObjectNode json = report.json().putObject("engine");
            json.put("karafHeap", heap);
            double cleanRate = fullSync(karaf, api, connector, personTask, incidentTask, json);
            faultedFullSync(api, connector, personTask, incidentTask, json, cleanRate);
            distantLocalFullSync(api, connector, personTask, incidentTask, json, cleanRate);
            unchanged(karaf, api, connector, incidentTask, json);
            incremental(karaf, api, connector, incidentTask, json);
            orchestration(karaf, api, connector);
        }
    }

    /** 6: event-task operations through the orchestration endpoint, at 1, 4 and 16 concurrent callers. */
    private void orchestration(KarafDistribution karaf, CardlinkApi api, String connector) throws Exception {
        log("== orchestration (load average " + Report.loadAverage() + ")");
        int operations = Integer.getInteger("orchestrationOps", 400);
        String eventTask = api.createEventTask(connector, OrchestrationLoad.eventTask("benchmark orchestration"));
        ArrayNode results = report.json().putObject("orchestration").put("measured", true).putArray("runs");
        List<String> values = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> durable = new ArrayList<>();
        List<String> durableCpu = new ArrayList<>();
        for (int callers : List.of(1, 4, 16)) {
            boolean profiled = jfr && callers == profileCallers;
            Path recording = workDir.resolve("orchestration-" + callers + "-caller.jfr");
            if (profiled) {
                startRecording(karaf, recording);
            }
            OrchestrationLoad.Result result = OrchestrationLoad.run(rest(karaf), connector, eventTask,
                    emulator.url(REMOTE), callers, operations, karaf::cpuTime);
            if (profiled) {
                JfrProfile.Summary profile = stopRecording(karaf, recording, JfrProfile.Threads.ORCHESTRATION);
                report.profile("the orchestration with " + callers + " caller(s) (the bare remote writes, the answered"
                        + " operations and those accepted without waiting)", profile);
                report.json().with("orchestration").set(callers == 1 ? "profileOneCaller" : "profile" + callers
                        + "Callers", Rest.JSON.valueToTree(profile));
            }
            log("orchestration: " + result.summary());
            results.add(result.toJson());
            values.add(String.format(Locale.ROOT, "%,.0f/s (%d)", result.acceptedPerSecond(), callers));
            details.add(String.format(Locale.ROOT, "%d callers: +%.0f ms median, +%.0f ms p99", callers,
                    result.addedMedianMs(), result.addedP99Ms()));
            durable.add(String.format(Locale.ROOT, "%,.0f/s (%d)", result.durableAcceptsPerSecond(), callers));
            durableCpu.add(String.format(Locale.ROOT, "%d callers: %.1f ms while accepting, %.1f ms until written",
                    callers, result.karafCpuMsPerDurableAccept(), result.karafCpuMsPerDurableOperation()));
        }
        report.row("6", "orchestration: operations accepted/s (callers); latency Cardlink adds over the remote write",
                String.join(", ", values), String.join("; ", details));
        report.row("6d", "orchestration: operations accepted durably without waiting (waitSeconds 0, 202)/s (callers)",
                String.join(", ", durable), "written by the outbox afterwards; Karaf CPU per operation: "
                        + String.join("; ", durableCpu));
    }

    /** Figure 1 and 2r; returns the median rate. */
    private double fullSync(KarafDistribution karaf, CardlinkApi api, String connector, String personTask, String incidentTask,
            ObjectNode json) throws Exception {
        HeapLog heapLog = new HeapLog(karaf.gcLog());
        List<Double> rates = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<Double> extract = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> cpuPer100k = new ArrayList<>();
        ArrayNode runs = json.putArray("fullSyncRuns");
        long peakBefore = 0;
        long peakAfter = 0;
        JfrProfile.Summary profile = null;
        if (fullReps > 0) {
            // As the raw copy has its warm-up: the first run of a fresh Karaf runs interpreted code while the JIT
            // compiles it (its time and CPU were those of a cold JVM, 1.5-2x those of the runs after it).
            emptyLocalWithPersons(api, connector, personTask, incidentTask);
            Cpu cpu = new Cpu(karaf);
            CardlinkApi.RunResult warmUp = api.runNow(connector, incidentTask, runBound);
            require(warmUp, "warm-up full sync");
            double warmUpCpu = cpu.karafSeconds();
            runJson(json.putObject("warmUpFullSync"), warmUp).put("karafCpuSeconds", warmUpCpu);
            log(String.format(Locale.ROOT, "warm-up (one full sync; not counted): %s in %.1f s, Karaf CPU %.1f s",
                    warmUp.status(), warmUp.seconds(), warmUpCpu));
        }
        for (int i = 0; i < fullReps; i++) {
            emptyLocalWithPersons(api, connector, personTask, incidentTask);
            emulator.access(LOCAL).resetCounters();
            emulator.access(REMOTE).resetCounters();
            boolean profiled = jfr && i == fullReps - 1;
            Path recording = workDir.resolve("full-sync.jfr");
            if (profiled) {
                startRecording(karaf, recording);
            }
            long mark = heapLog.mark();
            Cpu cpu = new Cpu(karaf);
            CardlinkApi.RunResult run = api.runNow(connector, incidentTask, runBound);
            double karafCpu = cpu.karafSeconds();
            double emulatorCpu = cpu.emulatorSeconds();
            if (profiled) {
                profile = stopRecording(karaf, recording, JfrProfile.Threads.RUN);
            }
            HeapLog.Peak peak = heapLog.since(mark);
            JsonNode counters = emulator.access(LOCAL).counters();
            ObjectNode r = runJson(runs.addObject(), run);
            r.put("localCardsCreated", counters.path("cardsCreated").asLong());
            r.set("localRequests", counters.get("requests"));
            r.set("remoteRequests", emulator.access(REMOTE).counters().get("requests"));
            r.put("karafCpuSeconds", karafCpu).put("emulatorCpuSeconds", emulatorCpu);
            r.put("peakHeapBeforeGcMb", peak.beforeMb()).put("peakHeapAfterGcMb", peak.afterMb())
                    .put("gcPauses", peak.pauses());
            log(String.format(Locale.ROOT, "full sync %d: %s in %.1f s (extract %s s, load %s s), counts %s, local created %d;"
                    + " CPU s: Karaf %.1f, emulator %.1f; heap peak %.0f MB before GC, %.0f MB after", i + 1, run.status(),
                    run.seconds(), run.extractSeconds(), run.loadSeconds(), run.counts(),
                    counters.path("cardsCreated").asLong(), karafCpu, emulatorCpu, peak.beforeMb(), peak.afterMb()));
            require(run, "incident task");
            long read = run.count("read");
            long cards = read > 0 ? read : remoteIncidentIds.size();
            rates.add(cards / run.seconds());
            cpuPer100k.add(karafCpu * 100_000 / cards);
            seconds.add(run.seconds());
            if (run.extractSeconds() != null) {
                extract.add(run.extractSeconds());
            }
            if (run.loadSeconds() != null) {
                load.add(run.loadSeconds());
            }
            peakBefore = Math.max(peakBefore, peak.beforeGcBytes());
            peakAfter = Math.max(peakAfter, peak.afterGcBytes());
        }
        Stats rate = Stats.of(rates);
        report.row("1", "full sync of " + String.format(Locale.ROOT, "%,d", remoteIncidentIds.size())
                + " cards into an empty local (engine in Karaf)", rate.format("%,.0f") + " cards/s",
                Stats.of(seconds).format("%.1f") + " s; extract " + Stats.of(extract).format("%.1f") + " s, load "
                        + Stats.of(load).format("%.1f") + " s (phases overlap when streamed)");
        if (rawRate != null) {
            report.row("2r", "ratio engine / raw copy", String.format(Locale.ROOT, "%.2f", rate.median() / rawRate), "");
            json.put("ratioEngineToRaw", rate.median() / rawRate);
        }
        double enginePer100k = Stats.of(cpuPer100k).median();
        json.put("cpuSecondsPer100k", enginePer100k);
        report.row("1c", "Karaf CPU per 100,000 cards of (1)", String.format(Locale.ROOT, "%.1f CPU s", enginePer100k),
                rawCpuPer100k == null ? "" : String.format(Locale.ROOT, "the raw copy's client: %.1f CPU s (%.1fx)",
                        rawCpuPer100k, enginePer100k / rawCpuPer100k));
        report.row("5a", "peak heap of Karaf during (1), -Xmx" + karafHeap, String.format(Locale.ROOT,
                "%.0f MB after GC", peakAfter / 1048576.0), String.format(Locale.ROOT, "%.0f MB before GC (heap use before"
                        + " a collection, i.e. garbage included)", peakBefore / 1048576.0));
        put(json.putObject("fullSyncCardsPerSecond"), rate);
        put(json.putObject("fullSyncSeconds"), Stats.of(seconds));
        json.put("peakHeapAfterGcMb", peakAfter / 1048576.0).put("peakHeapBeforeGcMb", peakBefore / 1048576.0);
        if (profile != null) {
            report.profile("the last full sync", profile);
            json.set("profile", Rest.JSON.valueToTree(profile));
        }
        return rate.median();
    }

    /**
     * 1f: the full sync of (1) into an empty local instance while both instances inject {@link #MIXED_FAULTS}; the
     * persons it references are loaded first without faults. Leaves the local instance loaded, as (1) does.
     */
    private void faultedFullSync(CardlinkApi api, String connector, String personTask, String incidentTask,
            ObjectNode json, double cleanRate) throws Exception {
        if (faultReps <= 0) {
            report.row("1f", "the same full sync under 20% mixed faults", "not run (faultReps=0)", "");
            return;
        }
        List<Double> rates = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        ArrayNode runs = json.putArray("faultedFullSyncRuns");
        for (int i = 0; i < faultReps; i++) {
            emptyLocalWithPersons(api, connector, personTask, incidentTask);
            emulator.access(REMOTE).resetCounters();
            CardlinkApi.RunResult run;
            emulator.access(REMOTE).faults(MIXED_FAULTS);
            emulator.access(LOCAL).faults(MIXED_FAULTS);
            try {
                run = api.runNow(connector, incidentTask, runBound);
            } finally {
                emulator.access(REMOTE).clearFaults();
                emulator.access(LOCAL).clearFaults();
            }
            ObjectNode r = runJson(runs.addObject(), run);
            r.set("localRequests", emulator.access(LOCAL).counters().get("requests"));
            r.set("remoteRequests", emulator.access(REMOTE).counters().get("requests"));
            String retried = run.info() == null || run.info().isEmpty() ? ""
                    : run.info().get(run.info().size() - 1).asText();
            r.put("retries", retried);
            log(String.format(Locale.ROOT, "full sync under faults %d: %s in %.1f s, counts %s; %s", i + 1,
                    run.status(), run.seconds(), run.counts(), retried));
            require(run, "incident task under faults");
            long read = run.count("read");
            rates.add((read > 0 ? read : remoteIncidentIds.size()) / run.seconds());
            seconds.add(run.seconds());
            retries.add(retried);
        }
        Stats rate = Stats.of(rates);
        report.row("1f", "the same full sync under 20% mixed faults on both instances (503, 429, 500, writes"
                + " failing after they landed, 2-s spikes, a stream cut every 5,000 cards)",
                rate.format("%,.0f") + " cards/s", String.format(Locale.ROOT, "%s s; %.2f of the clean figure (1),"
                        + " %,.0f cards/s; %s", Stats.of(seconds).format("%.1f"), rate.median() / cleanRate,
                        cleanRate, retries.isEmpty() ? "" : retries.get(retries.size() - 1)));
        put(json.putObject("faultedFullSyncCardsPerSecond"), rate);
        put(json.putObject("faultedFullSyncSeconds"), Stats.of(seconds));
        json.put("faultedToCleanRatio", rate.median() / cleanRate);
    }

    /**
     * 1n: the full sync with every request to the local instance answered {@code localLatencyMs} later, as when the
     * engine reaches its local instance over a network (the persons are loaded first without it). Its own time
     * then goes to round trips: the bulk writes and the look-ups of cards by key, which a run sends at once up to the
     * connector's writes in flight.
     */
    private void distantLocalFullSync(CardlinkApi api, String connector, String personTask, String incidentTask,
            ObjectNode json, double cleanRate) throws Exception {
        if (localLatencyMs <= 0) {
            return;
        }
        emptyLocalWithPersons(api, connector, personTask, incidentTask);
        emulator.access(LOCAL).resetCounters();
        emulator.access(LOCAL).faults("{\"latencyMs\":" + localLatencyMs + "}");
        CardlinkApi.RunResult run;
        try {
            run = api.runNow(connector, incidentTask, runBound);
        } finally {
            emulator.access(LOCAL).clearFaults();
        }
        JsonNode requests = emulator.access(LOCAL).counters().get("requests");
        ObjectNode r = runJson(json.putObject("distantLocalFullSync"), run);
        r.put("localLatencyMs", localLatencyMs);
        r.set("localRequests", requests);
        log(String.format(Locale.ROOT, "full sync, local instance %d ms away: %s in %.1f s, counts %s, local"
                + " requests %s", localLatencyMs, run.status(), run.seconds(), run.counts(), requests));
        require(run, "incident task, local instance at a distance");
        long read = run.count("read");
        double rate = (read > 0 ? read : remoteIncidentIds.size()) / run.seconds();
        report.row("1n", "the same full sync with every local request answered " + localLatencyMs + " ms later",
                String.format(Locale.ROOT, "%,.0f cards/s", rate), String.format(Locale.ROOT,
                        "%.1f s; %.2f of the clean figure (1); local requests %s", run.seconds(), rate / cleanRate,
                        requests));
    }

    private void unchanged(KarafDistribution karaf, CardlinkApi api, String connector, String incidentTask, ObjectNode json)
            throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> writes = new ArrayList<>();
        ArrayNode runs = json.putArray("unchangedRuns");
        for (int i = 0; i < shortReps; i++) {
            emulator.access(LOCAL).resetCounters();
            emulator.access(REMOTE).resetCounters();
            boolean profiled = jfr && i == shortReps - 1;
            Path recording = workDir.resolve("unchanged-resync.jfr");
            if (profiled) {
                startRecording(karaf, recording);
            }
            Cpu cpu = new Cpu(karaf);
            CardlinkApi.RunResult run = api.runNow(connector, incidentTask, runBound);
            if (profiled) {
                JfrProfile.Summary profile = stopRecording(karaf, recording, JfrProfile.Threads.RUN);
                report.profile("the last unchanged re-sync", profile);
                json.set("unchangedProfile", Rest.JSON.valueToTree(profile));
            }
            JsonNode counters = emulator.access(LOCAL).counters();
            long written = counters.path("cardsWritten").asLong();
            ObjectNode r = runJson(runs.addObject(), run);
            r.put("localCardsWritten", written).put("karafCpuSeconds", cpu.karafSeconds())
                    .put("emulatorCpuSeconds", cpu.emulatorSeconds());
            r.set("localRequests", counters.get("requests"));
            r.set("remoteRequests", emulator.access(REMOTE).counters().get("requests"));
            log(String.format(Locale.ROOT, "unchanged %d: %s in %.1f s, counts %s, local writes %d", i + 1, run.status(),
                    run.seconds(), run.counts(), written));
            require(run, "unchanged re-sync");
            seconds.add(run.seconds());
            writes.add((double) written);
        }
        Stats s = Stats.of(seconds);
        report.row("3", "unchanged re-sync (FULL task again)", s.format("%.2f") + " s", "writes to local: "
                + Stats.of(writes).format("%.0f") + " (must be 0)");
        put(json.putObject("unchangedSeconds"), s);
        put(json.putObject("unchangedWrites"), Stats.of(writes));
    }

    /**
     * An empty local instance and empty task caches, then the persons loaded by their task, so that the incidents'
     * references resolve: where every full sync starts.
     */
    private void emptyLocalWithPersons(CardlinkApi api, String connector, String personTask, String incidentTask)
            throws Exception {
        emulator.access(LOCAL).reset();
        api.clearCache(connector, personTask);
        api.clearCache(connector, incidentTask);
        require(api.runNow(connector, personTask, runBound), "person task");
    }

    /** Starts a JFR recording of the Karaf JVM (the profile settings: CPU samples every 10-20 ms) into {@code recording}. */
    private static void startRecording(KarafDistribution karaf, Path recording) throws Exception {
        Files.deleteIfExists(recording);
        karaf.jcmd("JFR.start", "name=cardlink-bench", "settings=" + System.getProperty("jfrSettings", "profile"), "filename=" + recording);
    }

    private static JfrProfile.Summary stopRecording(KarafDistribution karaf, Path recording,
            JfrProfile.Threads nativeThreads) throws Exception {
        karaf.jcmd("JFR.stop", "name=cardlink-bench");
        return JfrProfile.read(recording, 12, nativeThreads);
    }

    private void incremental(KarafDistribution karaf, CardlinkApi api, String connector, String incidentTask, ObjectNode json)
            throws Exception {
        ObjectNode task = (ObjectNode) api.task(connector, incidentTask);
        task.put("mode", "INCREMENTAL");
        api.updateTask(connector, incidentTask, task);
        CardlinkApi.RunResult first = api.runNow(connector, incidentTask, runBound);
        log(String.format(Locale.ROOT, "incremental baseline (nothing changed): %s in %.1f s, counts %s", first.status(),
                first.seconds(), first.counts()));
        runJson(json.putObject("incrementalBaselineRun"), first);
        List<Double> seconds = new ArrayList<>();
        ArrayNode runs = json.putArray("incrementalRuns");
        EsmClient remote = emulatorClient(REMOTE);
        for (int i = 0; i < shortReps; i++) {
            int changed = changeOnePercent(remote, i);
            Thread.sleep(1100); // a later second than the previous run's watermark, whatever its resolution
            emulator.access(LOCAL).resetCounters();
            emulator.access(REMOTE).resetCounters();
            Cpu cpu = new Cpu(karaf);
            CardlinkApi.RunResult run = api.runNow(connector, incidentTask, runBound);
            JsonNode counters = emulator.access(LOCAL).counters();
            ObjectNode r = runJson(runs.addObject(), run);
            r.put("remoteCardsChanged", changed).put("localCardsUpdated", counters.path("cardsUpdated").asLong())
                    .put("localCardsWritten", counters.path("cardsWritten").asLong())
                    .put("karafCpuSeconds", cpu.karafSeconds()).put("emulatorCpuSeconds", cpu.emulatorSeconds());
            r.set("localRequests", counters.get("requests"));
            r.set("remoteRequests", emulator.access(REMOTE).counters().get("requests"));
            log(String.format(Locale.ROOT, "incremental %d: %,d changed; %s in %.2f s, counts %s, local updated %d", i + 1,
                    changed, run.status(), run.seconds(), run.counts(), counters.path("cardsUpdated").asLong()));
            require(run, "incremental");
            seconds.add(run.seconds());
        }
        Stats s = Stats.of(seconds);
        report.row("4", "incremental, 1% of the cards changed (INCREMENTAL task)", s.format("%.2f") + " s",
                "see the JSON for counts per run");
        put(json.putObject("incrementalSeconds"), s);
    }

    /** Changes the description of every 100th remote incident (a different 1% each round) through the API. */
    private int changeOnePercent(EsmClient remote, int round) {
        List<DataCard> changes = new ArrayList<>();
        for (int i = round % 100; i < remoteIncidentIds.size(); i += 100) {
            Map<String, List<Value>> values = Map.of("description",
                    List.of(new StringValue("Changed for the incremental benchmark, round " + (round + 1))));
            changes.add(new DataCard(remoteIncidentIds.get(i), Workload.INCIDENT, null, null, false, false, values));
        }
        for (BulkItemResult r : remote.bulkUpsert(Workload.INCIDENT, changes)) {
            if (!r.ok()) {
                throw new IllegalStateException("changing a remote card failed: " + r.errors());
            }
        }
        return changes.size();
    }

    /** 5b: a fresh distribution at -Xmx256m synchronises 1,000,000 cards. */
    private void million() throws Exception {
        int total = Integer.getInteger("millionN", 1_000_000);
        prepareRemote(total);
        Map<String, String> engineSettings = Map.of("localUrl", emulator.url(LOCAL), "environment", "TEST",
                "demo", "false");
        String heap = "256m";
        try (KarafDistribution karaf = unpack("karaf-million", heap, engineSettings)) {
            karaf.start(Duration.ofMinutes(5));
            CardlinkApi api = new CardlinkApi(rest(karaf));
            api.putSettings(engineSettings);
            String connector = api.createConnector("benchmark million", emulator.url(REMOTE));
            if (!api.hasScheduledTasks(connector)) {
                report.row("5b", "1,000,000 cards, Karaf -Xmx256m", "not measured: no scheduled-task endpoint", "");
                return;
            }
            String personTask = api.createTask(connector, Workload.personTask("million persons"));
            String incidentTask = api.createTask(connector, Workload.incidentTask("million incidents", "FULL"));
            emulator.access(LOCAL).reset();
            require(api.runNow(connector, personTask, runBound), "person task");
            HeapLog heapLog = new HeapLog(karaf.gcLog());
            long mark = heapLog.mark();
            Duration bound = Duration.ofMinutes(Integer.getInteger("millionBoundMinutes", 90));
            CardlinkApi.RunResult run;
            try {
                run = api.runNow(connector, incidentTask, bound);
            } catch (IOException e) {
                HeapLog.Peak peak = heapLog.since(mark);
                report.row("5b", "1,000,000 cards, Karaf -Xmx256m", "FAILED: Karaf stopped answering" + (karaf.running()
                        ? "" : " (its JVM exited)"), String.format(Locale.ROOT, "peak heap %.0f MB after GC; see %s",
                                peak.afterMb(), karaf.home().resolve("data/log/karaf.log")));
                throw e;
            }
            HeapLog.Peak peak = heapLog.since(mark);
            ObjectNode json = runJson(report.json().putObject("million"), run);
            json.put("cards", remoteIncidentIds.size()).put("karafHeap", heap)
                    .put("peakHeapBeforeGcMb", peak.beforeMb()).put("peakHeapAfterGcMb", peak.afterMb())
                    .put("karafAliveAfterwards", karaf.running());
            log(String.format(Locale.ROOT, "million: %s in %.1f s, counts %s, heap peak %.0f MB before GC, %.0f MB after",
                    run.status(), run.seconds(), run.counts(), peak.beforeMb(), peak.afterMb()));
            long read = run.count("read");
            String outcome = run.timedOut()
                    ? String.format(Locale.ROOT, "NOT COMPLETED: stopped at the bound of %d min after %,d cards", bound.toMinutes(), read)
                    : run.status();
            report.row("5b", String.format(Locale.ROOT, "%,d cards, Karaf -Xmx256m", remoteIncidentIds.size()),
                    String.format(Locale.ROOT, "%s, %.0f s (%,.0f cards/s)", outcome, run.seconds(), read / run.seconds()),
                    String.format(Locale.ROOT, "peak heap %.0f MB after GC, %.0f MB before GC", peak.afterMb(),
                            peak.beforeMb()));
        }
    }

    private static ObjectNode runJson(ObjectNode node, CardlinkApi.RunResult run) {
        node.put("runId", run.id()).put("status", run.status()).put("seconds", run.seconds())
                .put("wallSecondsSeenByClient", run.wallSeconds()).put("timedOut", run.timedOut());
        if (run.extractSeconds() != null) {
            node.put("extractSeconds", run.extractSeconds());
        }
        if (run.loadSeconds() != null) {
            node.put("loadSeconds", run.loadSeconds());
        }
        node.set("counts", run.counts());
        if (run.info() != null && run.info().size() > 0) {
            ArrayNode info = node.putArray("info");
            for (int i = 0; i < Math.min(10, run.info().size()); i++) {
                info.add(run.info().get(i));
            }
        }
        return node;
    }

    private static void require(CardlinkApi.RunResult run, String what) {
        if (!run.succeeded()) {
            throw new IllegalStateException(what + " run " + run.id() + " ended " + run.status()
                    + (run.timedOut() ? " (bound exceeded, stopped)" : "") + "; counts " + run.counts() + "; info "
                    + run.info());
        }
    }

    private static void put(ObjectNode node, Stats stats) {
        if (stats.isEmpty()) {
            return;
        }
        node.put("median", stats.median()).put("min", stats.min()).put("max", stats.max());
        node.set("samples", Rest.JSON.valueToTree(stats.samples()));
    }

    /** Runs a client-side stage with the run bound; a stage that exceeds it fails the stage. */
    private <T> T bounded(Callable<T> work) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "benchmark-stage");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = executor.submit(work);
            try {
                return future.get(runBound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new IllegalStateException("exceeded the bound of " + runBound.toMinutes() + " min");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * A fresh distribution under the work directory on the benchmark's ports, with the first administrator's password
     * of this run, the heap (and GC log) given and the engine settings in etc/ before the first start. Its JFR
     * records whole stacks: at the default depth of 64, a JPA or Derby call's stack ends before the Cardlink frame
     * that made it.
     */
    private KarafDistribution unpack(String directory, String heap, Map<String, String> engineSettings)
            throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack(distribution, workDir.resolve(directory), portBase)
                .withAdminPassword(ADMIN_PASSWORD).withHeap(heap)
                .withJavaOptions("-XX:FlightRecorderOptions:stackdepth=1024");
        for (Map.Entry<String, String> setting : engineSettings.entrySet()) {
            karaf.configure("io.cardlink.engine.cfg", setting.getKey(), setting.getValue());
        }
        return karaf;
    }

    /** The REST API as the first administrator, with calls as long as a large run's need. */
    private static Rest rest(KarafDistribution karaf) throws IOException {
        return karaf.rest().withTimeout(Duration.ofSeconds(120));
    }

    private EsmClient emulatorClient(String instance) {
        return Workload.emulatorClient(emulator.url(instance), Duration.ofMinutes(5));
    }

    /** CPU seconds used by the Karaf JVM, the emulator JVM and this JVM since construction. */
    private final class Cpu {
        private final KarafDistribution karaf;
        private final Duration karaf0;
        private final Duration emulator0;
        private final long self0;

        Cpu(KarafDistribution karaf) {
            this.karaf = karaf;
            this.karaf0 = karaf == null ? Duration.ZERO : karaf.cpuTime();
            this.emulator0 = emulator.cpuTime();
            this.self0 = selfCpuNanos();
        }

        double karafSeconds() {
            return karaf == null ? 0 : karaf.cpuTime().minus(karaf0).toNanos() / 1e9;
        }

        double emulatorSeconds() {
            return emulator.cpuTime().minus(emulator0).toNanos() / 1e9;
        }

        double selfSeconds() {
            return (selfCpuNanos() - self0) / 1e9;
        }

        private static long selfCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    private static double secondsSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e9;
    }

    static void log(String message) {
        System.out.println("[" + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
