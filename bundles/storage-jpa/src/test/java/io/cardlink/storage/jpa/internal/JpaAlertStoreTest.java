package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.alert.Alert;
import io.cardlink.api.alert.AlertKind;
import io.cardlink.api.alert.AlertSeverity;
import io.cardlink.api.alert.AlertState;
import io.cardlink.api.alert.AlertStore.Raised;
import io.cardlink.api.alert.AlertSubject;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunFailure;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.service.InstanceSide;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class JpaAlertStoreTest extends StoreTestBase {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AlertSubject REMOTE_LOGIN = new AlertSubject(AlertKind.WRONG_CREDENTIALS, "c1", null,
            InstanceSide.REMOTE);

    @Test
    void raisesOnceAndUpdatesWhileTheConditionLasts() {
        Raised first = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "login refused", T0);
        Raised again = alerts.raise(REMOTE_LOGIN, AlertSeverity.CRITICAL, "login refused again", T0.plusSeconds(60));

        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.alert().id(), again.alert().id());
        Alert stored = alerts.find(first.alert().id()).orElseThrow();
        assertEquals(2, stored.count());
        assertEquals("login refused again", stored.message());
        assertEquals(AlertSeverity.CRITICAL, stored.severity());
        assertEquals(T0, stored.firstSeenAt());
        assertEquals(T0.plusSeconds(60), stored.lastSeenAt());
        assertEquals(REMOTE_LOGIN, stored.subject());
    }

    @Test
    void aResolvedAlertStaysAndTheNextOccurrenceIsANewAlert() {
        String id = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0).alert().id();

        Alert resolved = alerts.resolve(REMOTE_LOGIN, T0.plusSeconds(5)).orElseThrow();
        Raised next = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0.plusSeconds(10));

        assertEquals(AlertState.RESOLVED, resolved.state());
        assertEquals(T0.plusSeconds(5), resolved.resolvedAt());
        assertTrue(next.created());
        assertEquals(List.of(next.alert().id()), alerts.open().stream().map(Alert::id).toList());
        assertEquals(List.of(id), alerts.list(AlertState.RESOLVED, 10).stream().map(Alert::id).toList());
        assertEquals(2, alerts.list(null, 10).size());
        assertTrue(alerts.resolve(new AlertSubject(AlertKind.RUN_FAILED, "c1", "t1", null), T0).isEmpty());
    }

    @Test
    void retentionRemovesOnlyAlertsThatEndedBeforeTheCutOff() {
        String old = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0).alert().id();
        alerts.resolve(REMOTE_LOGIN, T0.plusSeconds(5));
        String recent = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0.plusSeconds(60)).alert().id();
        alerts.resolve(REMOTE_LOGIN, T0.plusSeconds(70));
        String open = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0.plusSeconds(80)).alert().id();

        assertEquals(1, alerts.removeEndedBefore(T0.plusSeconds(65)));

        assertTrue(alerts.find(old).isEmpty());
        assertTrue(alerts.find(recent).isPresent());
        assertTrue(alerts.find(open).isPresent(), "an open alert stays, however old");
    }

    @Test
    void subjectsDifferBySideAndTask() {
        alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "remote", T0);
        alerts.raise(new AlertSubject(AlertKind.WRONG_CREDENTIALS, "c1", null, InstanceSide.LOCAL),
                AlertSeverity.WARNING, "local", T0);
        alerts.raise(new AlertSubject(AlertKind.RUN_FAILED, "c1", "t1", null), AlertSeverity.WARNING, "t1", T0);
        alerts.raise(new AlertSubject(AlertKind.RUN_FAILED, "c1", "t2", null), AlertSeverity.WARNING, "t2", T0);

        assertEquals(4, alerts.open().size());
    }

    @Test
    void acknowledgementKeepsTheFirstOperator() {
        String id = alerts.raise(REMOTE_LOGIN, AlertSeverity.WARNING, "refused", T0).alert().id();

        alerts.acknowledge(id, "alice", T0.plusSeconds(1));
        Alert twice = alerts.acknowledge(id, "bob", T0.plusSeconds(2));

        assertEquals("alice", twice.acknowledgedBy());
        assertEquals(T0.plusSeconds(1), twice.acknowledgedAt());
        assertEquals(AlertState.OPEN, twice.state());
        assertThrows(NotFoundException.class, () -> alerts.acknowledge("nope", "alice", T0));
    }

    @Test
    void aLongMessageIsCut() {
        Alert alert = alerts.raise(REMOTE_LOGIN, AlertSeverity.INFO, "x".repeat(5000), T0).alert();

        assertEquals(AlertEntity.MESSAGE_LENGTH, alerts.find(alert.id()).orElseThrow().message().length());
    }

    @Test
    void aRunKeepsWhyItFailed() {
        String task = tasks.createScheduled(Fixtures.scheduled(newConnector("acme"), "persons")).id();
        Run created = runs.create(Fixtures.run(task, RunStatus.RUNNING));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        runs.update(new Run(created.id(), task, null, created.trigger(), RunStatus.ERROR, now, created.extract(),
                created.load(), created.counts(), List.of("Failed: login refused"), null, RunFailure.CREDENTIALS));

        assertEquals(RunFailure.CREDENTIALS, runs.find(created.id()).orElseThrow().failure());
    }
}
