package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import io.cardlink.emulator.EmulatorInstance;
import io.cardlink.esm.client.RetryPolicy;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against instances that misbehave as busy servers do: refusals, server errors, writes that fail after they
 * landed, streams cut part-way. A run finishes with exactly what a clean run lands, says how many retries each
 * instance needed, and gives up only when an instance fails for longer than the retry budget.
 */
class SyncRunUnderFaultsTest {

    private static final RetryPolicy BUDGET = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(1500),
            Duration.ofSeconds(30));

    @TempDir
    Path extractDir;

    private PipelineHarness harness;
    private EmulatorInstance remote;
    private EmulatorInstance local;

    @BeforeEach
    void start() {
        harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL))
                .with(PipelineHarness.incidents());
        harness.remoteUsed = EmulatorGateways.of(harness.emulator.rootUrl("remote"), PipelineHarness.API, BUDGET);
        harness.localUsed = EmulatorGateways.of(harness.emulator.rootUrl("local"), PipelineHarness.API, BUDGET);
        remote = harness.emulator.instance("remote");
        local = harness.emulator.instance("local");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRunUnderMixedFaultsLandsExactlyWhatTheRemoteHolds() throws Exception {
        for (EmulatorInstance instance : List.of(remote, local)) {
            instance.faults().failShare(503, 0.06).failShare(500, 0.05).failShare(429, 0.04)
                    .failAfterWrite(0.5).dropStreamEvery(60);
        }

        Run persons = harness.run("task-persons");
        Run incidents = harness.run("task-incidents");

        for (Run run : List.of(persons, incidents)) {
            assertEquals(RunStatus.SUCCESS, run.status(), String.valueOf(run.info()));
            assertEquals(run.counts().read(), run.counts().created(), String.valueOf(run.counts()));
            assertTrue(retriesLine(run).matches("Retries: remote instance [1-9][0-9]* \\(.*\\), local instance [1-9].*"),
                    retriesLine(run));
        }
        assertTrue(retriesLine(incidents).contains("stream broken"), retriesLine(incidents));
        assertTrue(retriesLine(persons).contains("write outcome unknown") || retriesLine(incidents)
                .contains("write outcome unknown"), retriesLine(persons) + " / " + retriesLine(incidents));
        assertLocalEqualsRemote("person", List.of("first_name", "last_name", "email"));
        assertLocalEqualsRemote("incident", List.of("subject", "description", "priority"));
        JsonNode extract = new ObjectMapper().readTree(harness.extracts.find(incidents.extractFile()).orElseThrow()
                .toFile());
        Set<String> extracted = new HashSet<>();
        extract.get("cards").forEach(card -> assertTrue(extracted.add(card.get("id").asText()),
                "extracted twice: " + card.get("id")));
        assertEquals(remote.count("incident"), extracted.size());
    }

    @Test
    void anInstanceDownForLongerThanTheBudgetFailsTheRunNamingItAndTheNextRunLoadsTheRest() {
        ScheduledTask incidents = PipelineHarness.incidents();
        harness.with(new ScheduledTask(incidents.id(), incidents.connectorId(), incidents.name(), true,
                incidents.schedule(), incidents.mode(), null, incidents.remoteTemplate(), incidents.remoteFolder(),
                incidents.mapping(), incidents.removal(), new FailureCardTarget("sync_failure", "integration",
                        "message"), null, null));
        harness.run("task-persons");
        // the remote goes down once the first page of incidents has landed, and the stream breaks soon after
        remote.faults().dropStreamAfter(250);
        AtomicBoolean down = new AtomicBoolean();
        harness.localUsed = afterFirstWrite(harness.localUsed, () -> {
            if (down.compareAndSet(false, true)) {
                remote.faults().failShare(503, 1.0);
            }
        });

        Run failed = harness.run("task-incidents");

        assertEquals(RunStatus.ERROR, failed.status(), String.valueOf(failed.info()));
        assertEquals(SyncRun.PAGE_SIZE, failed.counts().created());
        String reason = failed.info().stream().filter(m -> m.startsWith("Failed: ")).findFirst().orElseThrow();
        assertTrue(reason.contains("gave up after 5 attempts") && reason.contains("the retry budget of 5 attempts is"
                + " used up"), reason);
        assertTrue(retriesLine(failed).startsWith("Retries: remote instance "), retriesLine(failed));
        List<DataCard> failureCards = local.all("sync_failure");
        assertEquals(1, failureCards.size(), String.valueOf(failed.info()));
        assertTrue(failureCards.get(0).text("message").contains("the retry budget of 5 attempts is used up"),
                failureCards.get(0).text("message"));

        remote.faults().clear();
        harness.localUsed = EmulatorGateways.of(harness.emulator.rootUrl("local"), PipelineHarness.API, BUDGET);
        Run next = harness.run("task-incidents");

        assertEquals(RunStatus.SUCCESS, next.status(), String.valueOf(next.info()));
        assertEquals(SyncRun.PAGE_SIZE, next.counts().unchanged());
        assertEquals(remote.count("incident") - SyncRun.PAGE_SIZE, next.counts().created());
        assertEquals(0, next.counts().updated());
        assertLocalEqualsRemote("incident", List.of("subject", "description", "priority"));
    }

    @Test
    void wrongCredentialsFailTheRunAtOnce() {
        harness.remoteUsed = EmulatorGateways.of(harness.emulator.rootUrl("remote"), PipelineHarness.API, BUDGET,
                "wrong password");
        remote.resetCounters();

        Run failed = harness.run("task-persons");

        assertEquals(RunStatus.ERROR, failed.status());
        assertTrue(failed.info().stream().anyMatch(m -> m.startsWith("Failed: ") && m.contains("login refused")),
                String.valueOf(failed.info()));
        assertEquals(1, remote.counters().requests("login"));
    }

    @Test
    void aFilterTheInstanceRefusesFailsTheRunAtOnce() {
        ScheduledTask persons = PipelineHarness.persons(TaskMode.FULL);
        harness.with(new ScheduledTask(persons.id(), persons.connectorId(), persons.name(), true, persons.schedule(),
                persons.mode(), Map.of("eqlFilter", "$no_such_attribute$ = 'x'"), persons.remoteTemplate(),
                persons.remoteFolder(),
                persons.mapping(), persons.removal(), persons.failureCard(), null, null));
        remote.resetCounters();

        Run failed = harness.run("task-persons");

        assertEquals(RunStatus.ERROR, failed.status());
        assertTrue(failed.info().stream().anyMatch(m -> m.startsWith("Failed: ") && m.contains("HTTP 400")),
                String.valueOf(failed.info()));
        assertEquals(1, remote.counters().requests("stream"));
    }

    /** The local instance, running {@code action} before each bulk write is sent on. */
    private static InstanceGateway afterFirstWrite(InstanceGateway gateway, Runnable action) {
        return (InstanceGateway) Proxy.newProxyInstance(SyncRunUnderFaultsTest.class.getClassLoader(),
                new Class<?>[] {InstanceGateway.class}, (proxy, method, args) -> {
                    Object result = method.invoke(gateway, args);
                    if ("upsert".equals(method.getName())) {
                        action.run();
                    }
                    return result;
                });
    }

    private static String retriesLine(Run run) {
        return run.info().get(run.info().size() - 1);
    }

    /** One local card per remote card, by unique key, with the mapped values. */
    private void assertLocalEqualsRemote(String template, List<String> attributes) {
        Function<DataCard, String> key = card -> card.text("efecte_id");
        Map<String, DataCard> remoteCards = remote.all(template).stream().collect(Collectors.toMap(key, c -> c));
        List<DataCard> localCards = local.all(template);
        Map<String, DataCard> byKey = localCards.stream().collect(Collectors.toMap(c -> c.text("source_key"), c -> c));
        assertEquals(localCards.size(), byKey.size(), "no unique key twice in the local " + template + "s");
        assertEquals(remoteCards.keySet(), byKey.keySet());
        remoteCards.forEach((k, source) -> {
            for (String attribute : attributes) {
                assertEquals(source.values(attribute), byKey.get(k).values(attribute), k + " " + attribute);
            }
        });
    }
}
