package io.cardlink.itests;

import static io.cardlink.itests.CardlinkTestSupport.waitUntil;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.EmulatorJvm;
import io.cardlink.testkit.KarafDistribution;
import io.cardlink.testkit.Rest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Two Cardlink nodes from the assembly, each a Karaf of its own (own ports, own data folder), on one PostgreSQL
 * database with the scheduler clustered, and the emulator in a JVM of its own: scheduled runs spread over both nodes,
 * a run whose node is killed is taken over by the other, a node that starts leaves the other's run alone, the outbox
 * delivers what both nodes accepted once and in order per card, and a node that was away rejoins. The methods run in
 * the order of their names on the same processes; each starts the nodes that are down. Runs only where
 * {@code CARDLINK_TEST_POSTGRES_CLUSTER_URL} names an empty database to take (as {@code .ci/run} provides).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ClusterIT {
    private static final String DATABASE = System.getenv("CARDLINK_TEST_POSTGRES_CLUSTER_URL");
    private static final int PORT_OFFSET = 1000;
    private static final int GENERATED = 20_000;
    private static final int CHECKIN_SECONDS = 5;
    private static final long RUN_TIMEOUT = 600_000;
    private static final String REMOVED = "99 - Removed";
    private static final List<String> UNFINISHED = List.of("SCHEDULED", "WAITING", "RUNNING");
    private static final String CONNECTOR = "/connectors/Cluster";
    private static final String PERSONS = CONNECTOR + "/scheduled-tasks/Persons";
    private static final String PUSH = CONNECTOR + "/event-tasks/Push%20persons";
    /** Scheduled tasks that spread over the nodes, each every 10 s (the shortest interval). */
    private static final List<String> SPREAD_TASKS = List.of("Spread 1", "Spread 2", "Spread 3", "Spread 4");
    /**
     * Orchestration operations: per card one create and updates, sent to the nodes in turn; 5,000 to the cluster,
     * 1,000 to one node for its figure.
     */
    private static final int CLUSTER_OPERATION_CARDS = 1_000;
    private static final int ALONE_OPERATION_CARDS = 200;
    private static final int OPERATIONS_PER_CARD = 5;

    private static EmulatorJvm emulator;
    private static EmulatorAccess remote;
    private static EmulatorAccess local;
    private static Node nodeA;
    private static Node nodeB;

    /** One node: its name (nodeId) and its distribution. */
    private record Node(String name, KarafDistribution karaf) {
        Rest rest() throws Exception {
            return karaf.rest();
        }
    }

    @BeforeClass
    public static void startCluster() throws Exception {
        assumeTrue("ClusterIT skipped: CARDLINK_TEST_POSTGRES_CLUSTER_URL names no PostgreSQL database for the two"
                + " nodes (.ci/run provides one)", DATABASE != null && !DATABASE.isBlank());
        try (Connection connection = DriverManager.getConnection(DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        emulator = EmulatorJvm.start(Path.of("target", "cluster-it-emulator").toAbsolutePath(),
                KarafDistribution.PORT_BASE + PORT_OFFSET + 90, "--generate", "remote:person:" + GENERATED + ":16",
                "--generate", "remote:incident:20:16");
        remote = emulator.access("remote", "webapi");
        local = emulator.access("local", "webapi");
        nodeA = unpack("node-a", PORT_OFFSET);
        nodeB = unpack("node-b", PORT_OFFSET + 500);
        long boot = System.nanoTime();
        nodeA.karaf().start();
        System.out.printf("ClusterIT: node-a up in %d ms%n", (System.nanoTime() - boot) / 1_000_000);
        // nodes that share a database share the key that seals the connectors' secrets (made at the first start)
        Path key = nodeA.karaf().home().resolve("etc/cardlink-secrets.key");
        waitUntil("node-a has made its secrets key", 120_000, () -> Files.isRegularFile(key), () -> key.toString());
        Files.copy(key, nodeB.karaf().home().resolve("etc/cardlink-secrets.key"));
        boot = System.nanoTime();
        nodeB.karaf().start();
        System.out.printf("ClusterIT: node-b up in %d ms%n", (System.nanoTime() - boot) / 1_000_000);

        // the engine's local password is sealed into each node's own configuration
        for (Node node : List.of(nodeA, nodeB)) {
            CardlinkTestSupport.useEmulatorLocalUser(node.rest());
        }
        Rest rest = nodeA.rest();
        Rest.Reply connector = rest.post("/connectors", "{\"name\":\"Cluster\",\"type\":\"coreproiga\",\"settings\":{"
                + "\"remoteUrl\":\"" + emulator.url("remote") + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}");
        assertEquals(connector.body(), 201, connector.status());
        Rest.Reply persons = rest.post(CONNECTOR + "/scheduled-tasks", SyncPipelineIT.personsTask());
        assertEquals(persons.body(), 201, persons.status());
        Rest.Reply push = rest.post(CONNECTOR + "/event-tasks", "{\"name\":\"Push persons\","
                + "\"remoteTemplate\":\"person\",\"remoteFolder\":\"persons\",\"mapping\":{\"pairs\":["
                + "{\"source\":\"efecte_id\",\"target\":\"source_key\"},"
                + "{\"source\":\"first_name\",\"target\":\"first_name\"}],"
                + "\"taskIdAttribute\":\"cardlink_task_id\",\"uniqueKeyAttribute\":\"source_key\"}}");
        assertEquals(push.body(), 201, push.status());
    }

    /** An unpacked distribution on PostgreSQL, clustered, named {@code name}, as the README's "Several nodes" says. */
    private static Node unpack(String name, int portOffset) throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack("cluster-it-" + name, portOffset);
        Path etc = karaf.home().resolve("etc");
        Files.writeString(etc.resolve("org.ops4j.datasource-cardlink.cfg"), String.join("\n",
                "osgi.jdbc.driver.name = PostgreSQL JDBC Driver", "dataSourceName = cardlink", "url = " + DATABASE,
                "pool = dbcp2", "xa = false", "pool.maxTotal = 16", "pool.maxIdle = 16", "pool.minIdle = 2",
                "pool.maxWaitMillis = 10000", "pool.testOnBorrow = true", ""), StandardCharsets.ISO_8859_1);
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        String boot = Files.readString(features, StandardCharsets.ISO_8859_1);
        assertTrue("featuresBoot in " + features, boot.contains("featuresBoot = \\\n"));
        Files.writeString(features, boot.replace("featuresBoot = \\\n", "featuresBoot = \\\n    pax-jdbc-postgresql, \\\n"),
                StandardCharsets.ISO_8859_1);
        karaf.configure("io.cardlink.engine.cfg", "localUrl", emulator.url("local"));
        karaf.configure("io.cardlink.engine.cfg", "nodeId", name);
        karaf.configure("io.cardlink.scheduler.cluster.cfg", "clustered", "true");
        karaf.configure("io.cardlink.scheduler.cluster.cfg", "checkinIntervalSeconds", String.valueOf(CHECKIN_SECONDS));
        return new Node(name, karaf);
    }

    @AfterClass
    public static void stopProcesses() throws Exception {
        for (Node node : new Node[] {nodeA, nodeB}) {
            if (node != null) {
                node.karaf().close();
            }
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    public void a_bothNodesListBothAndScheduledRunsSpreadOverThemWithoutOverlapping() throws Exception {
        startStopped();
        for (Node node : List.of(nodeA, nodeB)) {
            waitUntil(node.name() + "'s /status lists both nodes", 60_000,
                    () -> nodeNames(node.rest()).containsAll(Set.of(nodeA.name(), nodeB.name())),
                    () -> status(node));
            JsonNode self = node(node, node.name());
            assertTrue(self.toString(), self.get("self").asBoolean());
            assertFalse(self.toString(), self.get("late").asBoolean());
        }

        Rest rest = nodeA.rest();
        for (String name : SPREAD_TASKS) {
            Rest.Reply task = rest.post(CONNECTOR + "/scheduled-tasks", spreadTask(name, true));
            assertEquals(task.body(), 201, task.status());
        }
        waitUntil("the scheduled runs name both nodes and each task ran three times", 120_000, () -> {
            Set<String> nodes = new HashSet<>();
            for (String name : SPREAD_TASKS) {
                List<JsonNode> ended = endedRuns(rest, name);
                if (ended.size() < 3) {
                    return false;
                }
                ended.forEach(run -> nodes.add(run.get("node").asText()));
            }
            return nodes.containsAll(Set.of(nodeA.name(), nodeB.name()));
        }, () -> SPREAD_TASKS.stream().map(name -> name + ": " + seen(() -> endedRuns(rest, name).stream()
                .map(run -> run.get("node").asText()).toList().toString())).toList().toString());
        for (String name : SPREAD_TASKS) {
            Rest.Reply off = rest.put(CONNECTOR + "/scheduled-tasks/" + encoded(name), spreadTask(name, false));
            assertEquals(off.body(), 200, off.status());
        }
        for (String name : SPREAD_TASKS) {
            waitUntil(name + " has no unfinished run", 60_000, () -> {
                for (JsonNode run : nodeA.rest().get(tasks(name) + "/runs").json()) {
                    if (UNFINISHED.contains(run.get("status").asText())) {
                        return false;
                    }
                }
                return true;
            });
            List<JsonNode> runs = endedRuns(rest, name);
            runs.sort(Comparator.comparing(run -> Instant.parse(run.at("/extract/startedAt").asText())));
            for (int i = 1; i < runs.size(); i++) {
                Instant previousEnd = ended(runs.get(i - 1));
                Instant start = Instant.parse(runs.get(i).at("/extract/startedAt").asText());
                assertFalse(name + ": run " + runs.get(i) + " starts before " + runs.get(i - 1) + " ends",
                        start.isBefore(previousEnd));
            }
            System.out.printf("ClusterIT: %s ran on %s%n", name, runs.stream().map(run -> run.get("node").asText())
                    .toList());
        }
    }

    @Test
    public void b_aRunWhoseNodeIsKilledIsTakenOverByTheOtherAndLeavesTheLocalInstanceComplete() throws Exception {
        startStopped();
        Rest rest = nodeA.rest();
        // a slower local instance keeps the load going long enough to kill its node in the middle
        local.faults("{\"latencyMs\":50}");
        local.resetCounters();
        String runId = started(rest.post(PERSONS + "/runs", null));
        waitUntil("the run starts", 60_000, () -> "RUNNING".equals(run(rest, runId).get("status").asText()));
        Node running = byName(run(rest, runId).get("node").asText());
        Node survivor = running == nodeA ? nodeB : nodeA;
        long deadline = System.currentTimeMillis() + 300_000;
        while (local.cardsWritten() < 2_000) {
            assertTrue("the run loads 2,000 cards within 300 s", System.currentTimeMillis() < deadline);
            Thread.sleep(5);
        }
        running.karaf().kill();
        long killed = System.nanoTime();
        local.clearFaults();
        int halfLoaded = local.cards("person", null, "source_key").size();
        System.out.printf("ClusterIT: %s killed with %d cards in the local instance%n", running.name(), halfLoaded);
        assertTrue("the kill came in the middle of the load: " + halfLoaded, halfLoaded < GENERATED);

        Rest other = survivor.rest();
        waitUntil(survivor.name() + " takes the run over", 180_000, () -> {
            JsonNode run = run(other, runId);
            return survivor.name().equals(run.get("node").asText()) && !"SCHEDULED".equals(run.get("status").asText());
        }, () -> seen(() -> run(other, runId).toString()));
        long failover = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("ClusterIT: failover (kill of %s to the run's start on %s) took %d ms (check-in every %d s)%n",
                running.name(), survivor.name(), failover, CHECKIN_SECONDS);
        long restart = System.nanoTime();
        JsonNode recovered = awaitEnd(other, runId);
        double seconds = (System.nanoTime() - restart) / 1e9;
        System.out.printf("ClusterIT: the recovered full run read %d cards in %.1f s: %.0f cards/s (one node up)%n",
                recovered.at("/counts/read").asLong(), seconds, recovered.at("/counts/read").asLong() / seconds);
        assertEquals(recovered.toString(), "SUCCESS", recovered.get("status").asText());
        assertEquals(recovered.toString(), survivor.name(), recovered.get("node").asText());
        assertEquals(recovered.toString(), 0, recovered.at("/counts/removed").asLong());
        assertEquals(recovered.toString(), 0, recovered.at("/counts/failed").asLong());

        Set<String> remoteKeys = keys(remote.cards("person", null, "efecte_id"), "efecte_id");
        assertTrue(remoteKeys.size() >= GENERATED);
        assertEquals(remoteKeys.size(), recovered.at("/counts/read").asLong());
        JsonNode localCards = local.cards("person", null, "source_key,status");
        assertEquals("one local card per remote card", remoteKeys.size(), localCards.size());
        assertEquals("no unique key twice, none missing", remoteKeys, keys(localCards, "source_key"));
        for (JsonNode card : localCards) {
            assertNotEquals(card.toString(), REMOVED, card.at("/data/status/values/0/value").asText());
        }
    }

    @Test
    public void c_aNodeStartedWhileTheOtherRunsChangesNothingOfThatRun() throws Exception {
        Node runner = nodeA.karaf().running() ? nodeA : nodeB;
        Node starter = runner == nodeA ? nodeB : nodeA;
        if (starter.karaf().running()) {
            starter.karaf().stop();
        }
        Rest rest = runner.rest();
        // without the task cache the run writes every card again; slow writes keep it going through the other
        // node's boot, and its seen keys are what a wrongly interrupting node would forget
        Rest.Reply cleared = rest.delete(PERSONS + "/cache");
        assertTrue(cleared.body(), cleared.ok());
        local.faults("{\"latencyMs\":200}");
        String runId = started(rest.post(PERSONS + "/runs", null));
        waitUntil("the run starts", 60_000, () -> "RUNNING".equals(run(rest, runId).get("status").asText()));
        assertEquals(runner.name(), run(rest, runId).get("node").asText());
        starter.karaf().start();
        JsonNode during = run(rest, runId);
        local.clearFaults();
        assertEquals("the run was still running when " + starter.name() + " had started: " + during, "RUNNING",
                during.get("status").asText());

        JsonNode ended = awaitEnd(starter.rest(), runId);
        assertEquals(ended.toString(), "SUCCESS", ended.get("status").asText());
        assertEquals(ended.toString(), runner.name(), ended.get("node").asText());
        assertEquals(ended.toString(), 0, ended.at("/counts/removed").asLong());
        assertEquals(ended.toString(), 0, ended.at("/counts/failed").asLong());
        JsonNode localCards = local.cards("person", null, "source_key,status");
        for (JsonNode card : localCards) {
            assertNotEquals(card.toString(), REMOVED, card.at("/data/status/values/0/value").asText());
        }
    }

    @Test
    public void d_operationsSentToBothNodesAreDeliveredOnceInOrderPerCard() throws Exception {
        startStopped();
        deliverOnceInOrderPerCard(List.of(nodeA, nodeB), "CLUSTER-", CLUSTER_OPERATION_CARDS);
    }

    @Test
    public void e_aRestartedNodeRejoins() throws Exception {
        startStopped();
        nodeB.karaf().stop();
        // a node that stops leaves the cluster; one that dies stays listed, late
        waitUntil("node-a no longer lists node-b", 60_000, () -> !nodeNames(nodeA.rest()).contains(nodeB.name()),
                () -> status(nodeA));
        // the figure of one node beside that of two (method d)
        deliverOnceInOrderPerCard(List.of(nodeA), "ALONE-", ALONE_OPERATION_CARDS);
        nodeB.karaf().start();
        for (Node node : List.of(nodeA, nodeB)) {
            waitUntil(node.name() + " lists node-b again", 60_000,
                    () -> nodeNames(node.rest()).contains(nodeB.name()), () -> status(node));
            assertFalse(status(node), node(node, nodeB.name()).get("late").asBoolean());
        }
        assertFalse(node(nodeB, nodeA.name()).get("late").asBoolean());
    }

    /**
     * Sends {@code cardCount} cards' operations (a create, then updates) to the nodes in turn and checks that
     * the remote instance got each once, and each card's last one last; prints operations per second.
     */
    private static void deliverOnceInOrderPerCard(List<Node> nodes, String keyPrefix, int cardCount)
            throws Exception {
        List<Rest> workflows = new ArrayList<>();
        for (Node node : nodes) {
            workflows.add(node.rest().asWorkflowEngine());
        }
        Rest rest = nodes.get(0).rest();
        remote.resetCounters();
        List<String> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int version = 1; version <= OPERATIONS_PER_CARD; version++) {
            for (int card = 1; card <= cardCount; card++) {
                // a card's operations go to the nodes in turn, so that each follows one the other node accepted
                Rest workflow = workflows.get((card + version) % workflows.size());
                Rest.Reply reply = workflow.post(PUSH + "/datacards", "{\"operation\":\""
                        + (version == 1 ? "create" : "update") + "\",\"waitSeconds\":0,\"card\":{"
                        + "\"efecte_id\":\"" + keyPrefix + card + "\",\"first_name\":\"v" + version + "\"}}");
                assertEquals(reply.body(), 202, reply.status());
                sent.add(reply.json().get("id").asText());
            }
        }
        for (String id : sent) {
            waitUntil("operation " + id + " is delivered", 300_000, () -> "SUCCEEDED".equals(
                    rest.get("/orchestration/operations/" + id).json().get("status").asText()),
                    () -> seen(() -> rest.get("/orchestration/operations/" + id).body()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ClusterIT: %d operations sent to %s delivered in %.1f s: %.0f operations/s%n",
                sent.size(), nodes.stream().map(Node::name).toList(), seconds, sent.size() / seconds);
        JsonNode counters = remote.counters();
        assertEquals(counters.toString(), cardCount, counters.get("cardsCreated").asLong());
        assertEquals(counters.toString(), cardCount * (OPERATIONS_PER_CARD - 1L),
                counters.get("cardsUpdated").asLong());
        JsonNode cards = remote.cards("person", "$source_key$ like '" + keyPrefix + "%'", "source_key,first_name");
        assertEquals(cardCount, keys(cards, "source_key").size());
        for (JsonNode card : cards) {
            assertEquals("the last operation of " + card + " came last", "v" + OPERATIONS_PER_CARD,
                    card.at("/data/first_name/values/0/value").asText());
        }
    }

    private static void startStopped() throws Exception {
        for (Node node : List.of(nodeA, nodeB)) {
            if (!node.karaf().running()) {
                node.karaf().start();
            }
        }
    }

    private static Node byName(String name) {
        if (nodeA.name().equals(name)) {
            return nodeA;
        }
        assertEquals("the run names a node of the cluster", nodeB.name(), name);
        return nodeB;
    }

    private static String status(Node node) {
        return seen(() -> node.rest().get("/status").body());
    }

    /** What a failed wait last saw, or why it could not be seen. */
    private static String seen(Callable<String> look) {
        try {
            return look.call();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static Set<String> nodeNames(Rest rest) throws Exception {
        Set<String> names = new HashSet<>();
        for (JsonNode node : rest.get("/status").json().get("nodes")) {
            names.add(node.get("name").asText());
        }
        return names;
    }

    /** The entry of {@code name} in the /status of {@code asked}. */
    private static JsonNode node(Node asked, String name) throws Exception {
        for (JsonNode node : asked.rest().get("/status").json().get("nodes")) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(asked.name() + "'s /status does not list " + name + ": " + status(asked));
    }

    private static String spreadTask(String name, boolean enabled) {
        return TaskManagementIT.scheduledTask(name, "").replace("\"enabled\":true", "\"enabled\":" + enabled)
                .replace("\"intervalSeconds\":3600", "\"intervalSeconds\":10");
    }

    private static String encoded(String name) {
        return name.replace(" ", "%20");
    }

    private static String tasks(String name) {
        return CONNECTOR + "/scheduled-tasks/" + encoded(name);
    }

    private static List<JsonNode> endedRuns(Rest rest, String task) throws Exception {
        List<JsonNode> ended = new ArrayList<>();
        for (JsonNode run : rest.get(tasks(task) + "/runs").json()) {
            if (!UNFINISHED.contains(run.get("status").asText())) {
                ended.add(run);
            }
        }
        return ended;
    }

    /** When a run ended: its load's end, or its extract's where it failed before loading. */
    private static Instant ended(JsonNode run) {
        JsonNode load = run.at("/load/completedAt");
        return Instant.parse((load.isTextual() ? load : run.at("/extract/completedAt")).asText());
    }

    private static Set<String> keys(JsonNode cards, String keyAttribute) {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode card : cards) {
            JsonNode earlier = byKey.put(card.at("/data/" + keyAttribute + "/values/0/value").asText(), card);
            assertEquals("one card per key: " + card, null, earlier);
        }
        return byKey.keySet();
    }

    private static String started(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private static JsonNode run(Rest rest, String runId) throws Exception {
        Rest.Reply reply = rest.get("/runs/" + runId);
        assertEquals(reply.body(), 200, reply.status());
        return reply.json();
    }

    private static JsonNode awaitEnd(Rest rest, String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT,
                () -> !UNFINISHED.contains(run(rest, runId).get("status").asText()));
        return run(rest, runId);
    }
}
