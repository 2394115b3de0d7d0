package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.StringValue;
import io.cardlink.api.card.Value;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.testkit.Rest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The orchestration benchmark (issue 6 item 6): operations accepted per second (each one durably committed to the
 * outbox before it is answered) under concurrent callers, and the latency Cardlink adds over the remote write itself.
 *
 * <p>(a) The same number of callers create person cards directly in the remote instance with the esm client: the bare
 * remote create latency. (b) They then create person cards through {@code POST /orchestration/event-tasks/{id}/datacards},
 * each with its own key and idempotency key. (c) The added latency is (b) minus (a), at the median and at p99. What
 * Cardlink adds includes the outbox commit, the hand-over to a dispatcher thread, the look-up of the remote card by its
 * unique key (the write is idempotent) and the outcome's commit. The event task is one on the person template made
 * with {@link #eventTask(String)}.
 */
final class OrchestrationLoad {

    /** The figures of one measurement; latencies in milliseconds. */
    record Result(int callers, int operations, double bareMedianMs, double bareP99Ms, double bareWritesPerSecond,
            double acceptedPerSecond, double medianMs, double p99Ms, Map<Integer, Integer> statuses,
            double durableAcceptsPerSecond, Map<Integer, Integer> durableStatuses, double karafCpuMsPerDurableAccept,
            double karafCpuMsPerDurableOperation) {

        double addedMedianMs() {
            return medianMs - bareMedianMs;
        }

        double addedP99Ms() {
            return p99Ms - bareP99Ms;
        }

        /** The operations answered 200: written to the remote instance within the request's wait. */
        int succeeded() {
            return statuses.getOrDefault(200, 0);
        }

        ObjectNode toJson() {
            ObjectNode node = Rest.JSON.createObjectNode();
            node.put("callers", callers);
            node.put("operations", operations);
            node.put("bareCreateMedianMs", round(bareMedianMs));
            node.put("bareCreateP99Ms", round(bareP99Ms));
            node.put("bareCreatesPerSecond", round(bareWritesPerSecond));
            node.put("acceptedPerSecond", round(acceptedPerSecond));
            node.put("orchestrationMedianMs", round(medianMs));
            node.put("orchestrationP99Ms", round(p99Ms));
            node.put("addedMedianMs", round(addedMedianMs()));
            node.put("addedP99Ms", round(addedP99Ms()));
            ObjectNode byStatus = node.putObject("statuses");
            statuses.forEach((status, count) -> byStatus.put(String.valueOf(status), count));
            node.put("durableAcceptsPerSecond", round(durableAcceptsPerSecond));
            ObjectNode durableByStatus = node.putObject("durableStatuses");
            durableStatuses.forEach((status, count) -> durableByStatus.put(String.valueOf(status), count));
            node.put("karafCpuMsPerDurableAccept", round(karafCpuMsPerDurableAccept));
            node.put("karafCpuMsPerDurableOperation", round(karafCpuMsPerDurableOperation));
            return node;
        }

        String summary() {
            return String.format(Locale.ROOT, "%d operations, %d callers: %.1f accepted/s (%d succeeded within the"
                    + " wait, statuses %s); latency median %.1f ms, p99 %.1f ms; bare remote create median %.1f ms,"
                    + " p99 %.1f ms; Cardlink adds %.1f ms at the median, %.1f ms at p99; accepted durably without"
                    + " waiting (waitSeconds 0): %.1f/s (statuses %s), Karaf CPU %.1f ms per operation while"
                    + " accepting, %.1f ms until written", operations, callers,
                    acceptedPerSecond, succeeded(), statuses, medianMs, p99Ms, bareMedianMs, bareP99Ms,
                    addedMedianMs(), addedP99Ms(), durableAcceptsPerSecond, durableStatuses,
                    karafCpuMsPerDurableAccept, karafCpuMsPerDurableOperation);
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }

    private OrchestrationLoad() {
    }

    /** An event task for this benchmark: person cards, the local efecte_id as the remote source_key. */
    static ObjectNode eventTask(String name) {
        ObjectNode task = Rest.JSON.createObjectNode();
        task.put("name", name);
        task.put("remoteTemplate", Workload.PERSON);
        task.put("remoteFolder", Workload.PERSON_FOLDER);
        ObjectNode mapping = task.putObject("mapping");
        ArrayNode pairs = mapping.putArray("pairs");
        for (String code : List.of("first_name", "last_name", "email")) {
            pairs.addObject().put("source", code).put("target", code);
        }
        pairs.addObject().put("source", Workload.SOURCE_KEY).put("target", Workload.TARGET_KEY);
        mapping.put("taskIdAttribute", Workload.TASK_ID);
        mapping.put("uniqueKeyAttribute", Workload.TARGET_KEY);
        return task;
    }

    /**
     * Measures (a), (b) and (c), then (d): the same creates with {@code "waitSeconds": 0}, answered 202 once the
     * operation is durably in the outbox; it waits until the outbox has written them all, so that the next
     * measurement starts quiet. Karaf's CPU time over (d) is taken twice, per operation: while the callers are
     * answered (the outbox writes meanwhile) and until every operation is written.
     *
     * @param rest              the REST API as a user who may call the orchestration endpoint
     * @param connectorId       the connector of the event task
     * @param eventTaskId       an event task made from {@link #eventTask(String)}
     * @param remoteInstanceUrl the remote instance the task's connector writes to (scheme, host, port, context)
     * @param callers           concurrent callers, both for the bare creates and for the orchestration requests
     * @param operations        creates of each kind
     * @param karafCpu          the Karaf JVM's CPU time so far
     */
    static Result run(Rest rest, String connectorId, String eventTaskId, String remoteInstanceUrl, int callers,
            int operations, Supplier<Duration> karafCpu) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        EsmClient remote = Workload.emulatorClient(remoteInstanceUrl, Duration.ofMinutes(2));
        // a login and a first create outside the measurement, as the engine's connection has logged in too
        remote.create(Workload.PERSON, person("warm-" + run, -1));
        Timed bare = timed(callers, operations, i -> () -> {
            remote.create(Workload.PERSON, person("bare-" + run + "-" + i, i));
            return 200;
        });

        String path = "/orchestration/event-tasks/" + eventTaskId + "/datacards";
        rest.post(path, request("warm-orch-" + run, -1, null)).expectOk("the first orchestration request");
        Timed orchestrated = timed(callers, operations, i -> () -> rest.post(path,
                request("orch-" + run + "-" + i, i, null)).status());
        Duration cpuBefore = karafCpu.get();
        Timed durable = timed(callers, operations, i -> () -> rest.post(path,
                request("durable-" + run + "-" + i, i, 0)).status());
        Duration cpuAccepted = karafCpu.get();
        awaitWritten(rest, connectorId, eventTaskId);
        Duration cpuWritten = karafCpu.get();

        return new Result(callers, operations, percentile(bare.millis(), 50), percentile(bare.millis(), 99),
                operations / bare.seconds(), operations / orchestrated.seconds(),
                percentile(orchestrated.millis(), 50), percentile(orchestrated.millis(), 99), orchestrated.statuses(),
                operations / durable.seconds(), durable.statuses(),
                cpuAccepted.minus(cpuBefore).toNanos() / 1e6 / operations,
                cpuWritten.minus(cpuBefore).toNanos() / 1e6 / operations);
    }

    /** Waits until no operation of the event task is pending or running (bounded: ten minutes). */
    private static void awaitWritten(Rest rest, String connectorId, String eventTaskId) throws Exception {
        String operations = "/connectors/" + connectorId + "/event-tasks/" + eventTaskId + "/operations?limit=1&status=";
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean pending = rest.get(operations + "PENDING").expectOk("the pending operations").json().size() > 0;
            boolean running = rest.get(operations + "RUNNING").expectOk("the running operations").json().size() > 0;
            if (!pending && !running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the outbox did not write the accepted operations within ten minutes");
    }

    /** The latency of each call (ms), the wall time of all of them (s) and how many answered each status. */
    private record Timed(List<Double> millis, double seconds, Map<Integer, Integer> statuses) {
    }

    private static Timed timed(int callers, int operations, IntFunction<Callable<Integer>> call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>(operations));
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long started = System.nanoTime();
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        int status = call.apply(i).call();
                        millis.add((System.nanoTime() - t0) / 1e6);
                        statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<Void> caller : done) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Timed(List.copyOf(millis), seconds, Map.copyOf(statuses));
    }

    /** The nearest-rank percentile. */
    static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** A person card as the event task writes it to the remote instance. */
    private static DataCard person(String key, int i) {
        Map<String, List<Value>> attributes = new LinkedHashMap<>();
        attributes.put("first_name", List.of(new StringValue("Bench")));
        attributes.put("last_name", List.of(new StringValue("Caller " + i)));
        attributes.put("email", List.of(new StringValue(key + "@bench.example")));
        attributes.put(Workload.TARGET_KEY, List.of(new StringValue(key)));
        return DataCard.draft(Workload.PERSON, Workload.PERSON_FOLDER, attributes);
    }

    /** The orchestration request for the same person, as the local workflow engine sends it (default wait: null). */
    private static ObjectNode request(String key, int i, Integer waitSeconds) {
        ObjectNode body = Rest.JSON.createObjectNode();
        body.put("operation", "create");
        body.put("idempotencyKey", key);
        if (waitSeconds != null) {
            body.put("waitSeconds", waitSeconds);
        }
        ObjectNode card = body.putObject("card");
        card.put(Workload.SOURCE_KEY, key);
        card.put("first_name", "Bench");
        card.put("last_name", "Caller " + i);
        card.put("email", key + "@bench.example");
        return body;
    }
}
