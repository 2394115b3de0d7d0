package io.cardlink.storage.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.ConflictException;
import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.connector.Connector;
import io.cardlink.api.run.RunStatus;
import io.cardlink.api.task.ScheduledTask;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JpaConnectorStoreTest extends StoreTestBase {

    @Test
    void createAssignsIdAndTimesAndFindReturnsEveryField() {
        Connector created = connectors.create(Fixtures.connector("prod"));

        assertNotNull(created.id());
        assertNotNull(created.createdAt());
        assertEquals(created.createdAt(), created.updatedAt());
        Connector found = connectors.find(created.id()).orElseThrow();
        assertEquals(created, found);
        assertEquals("prod", found.name());
        assertEquals("coreproiga", found.typeId());
        assertEquals("the prod instance", found.description());
        assertEquals(Map.of("url", "https://prod.example.test/api", "user", "sync"), found.settings());
        assertEquals(Map.of("password", "sealed:v1:AbCd=="), found.sealedSecrets());
    }

    @Test
    void replacingSealedSecretsChangesEveryNamedConnectorAtOnceOrNone() {
        Connector prod = connectors.create(Fixtures.connector("prod"));
        Connector test = connectors.create(Fixtures.connector("test"));
        Connector other = connectors.create(Fixtures.connector("other"));

        connectors.replaceSealedSecrets(Map.of(prod.id(), Map.of("password", "sealed:v2:prod"),
                test.id(), Map.of("password", "sealed:v2:test", "token", "sealed:v2:token")));

        assertEquals(Map.of("password", "sealed:v2:prod"), connectors.find(prod.id()).orElseThrow().sealedSecrets());
        assertEquals(Map.of("password", "sealed:v2:test", "token", "sealed:v2:token"),
                connectors.find(test.id()).orElseThrow().sealedSecrets());
        assertEquals(other.sealedSecrets(), connectors.find(other.id()).orElseThrow().sealedSecrets());
        assertEquals(prod.updatedAt(), connectors.find(prod.id()).orElseThrow().updatedAt(), "not a user's change");

        java.util.Map<String, Map<String, String>> withUnknown = new java.util.LinkedHashMap<>();
        withUnknown.put(prod.id(), Map.of("password", "sealed:v3:prod"));
        withUnknown.put("no-such-connector", Map.of("password", "sealed:v3:x"));
        assertThrows(NotFoundException.class, () -> connectors.replaceSealedSecrets(withUnknown));
        assertEquals(Map.of("password", "sealed:v2:prod"), connectors.find(prod.id()).orElseThrow().sealedSecrets(),
                "nothing was written");
    }

    @Test
    void createKeepsAnIdTheCallerBrings() {
        Connector withId = new Connector("c-1", "test", "coreproiga", null, Map.of(), Map.of(), null, null);

        assertEquals("c-1", connectors.create(withId).id());
        assertTrue(connectors.find("c-1").isPresent());
    }

    @Test
    void aTakenNameIsAConflict() {
        connectors.create(Fixtures.connector("prod"));

        ConflictException e = assertThrows(ConflictException.class,
                () -> connectors.create(Fixtures.connector("prod")));
        assertEquals("a connector named 'prod' already exists", e.getMessage());
        assertEquals(1, connectors.search("").size());
    }

    @Test
    void aNameTakenBetweenCheckAndInsertIsStillAConflict() throws Exception {
        // Plays another node that inserts the same name right after this store's check: the unique key decides.
        boolean postgresql = TestDatabase.onPostgresql();
        String insertTwin = "INSERT INTO CARDLINK_CONNECTOR (ID, NAME, TYPE_ID, SETTINGS, CREATED_AT, UPDATED_AT)"
                + " VALUES ('other-' || N.ID, N.NAME, N.TYPE_ID, '{}', N.CREATED_AT, N.UPDATED_AT)";
        if (postgresql) {
            database.execute("CREATE FUNCTION CARDLINK_RACE() RETURNS TRIGGER AS $$ BEGIN "
                    + insertTwin.replace("N.", "NEW.") + "; RETURN NULL; END $$ LANGUAGE plpgsql");
            database.execute("CREATE TRIGGER CARDLINK_RACE AFTER INSERT ON CARDLINK_CONNECTOR"
                    + " FOR EACH ROW EXECUTE FUNCTION CARDLINK_RACE()");
        } else {
            database.execute("CREATE TRIGGER CARDLINK_RACE AFTER INSERT ON CARDLINK_CONNECTOR REFERENCING NEW AS N"
                    + " FOR EACH ROW " + insertTwin);
        }
        try {
            ConflictException e = assertThrows(ConflictException.class,
                    () -> connectors.create(Fixtures.connector("race")));
            assertEquals("a connector named 'race' already exists", e.getMessage());
        } finally {
            database.execute(postgresql ? "DROP FUNCTION CARDLINK_RACE() CASCADE" : "DROP TRIGGER CARDLINK_RACE");
        }
        assertTrue(connectors.findByName("race").isEmpty());
    }

    @Test
    void updateReplacesFieldsAndKeepsCreationTime() {
        Connector created = connectors.create(Fixtures.connector("prod"));
        Connector changed = new Connector(created.id(), "production", "coreproiga", "renamed",
                Map.of("url", "https://new.example.test"), Map.of("token", "sealed:v1:Zz"), null, null);

        Connector updated = connectors.update(changed);

        assertEquals("production", updated.name());
        assertEquals(created.createdAt(), updated.createdAt());
        assertFalse(updated.updatedAt().isBefore(created.updatedAt()));
        Connector found = connectors.find(created.id()).orElseThrow();
        assertEquals(Map.of("url", "https://new.example.test"), found.settings());
        assertEquals(Map.of("token", "sealed:v1:Zz"), found.sealedSecrets());
        assertTrue(connectors.findByName("prod").isEmpty());
        assertEquals(created.id(), connectors.findByName("production").orElseThrow().id());
    }

    @Test
    void updateOfAMissingIdIsNotFound() {
        Connector ghost = new Connector("nope", "ghost", "coreproiga", null, Map.of(), Map.of(), null, null);

        NotFoundException e = assertThrows(NotFoundException.class, () -> connectors.update(ghost));
        assertEquals("no connector with id 'nope'", e.getMessage());
    }

    @Test
    void renamingToATakenNameIsAConflict() {
        connectors.create(Fixtures.connector("prod"));
        Connector test = connectors.create(Fixtures.connector("test"));
        Connector clash = new Connector(test.id(), "prod", "coreproiga", null, Map.of(), Map.of(), null, null);

        assertThrows(ConflictException.class, () -> connectors.update(clash));
        assertEquals("test", connectors.find(test.id()).orElseThrow().name());
    }

    @Test
    void updateKeepingItsOwnNameIsNoConflict() {
        Connector created = connectors.create(Fixtures.connector("prod"));
        Connector same = new Connector(created.id(), "prod", "coreproiga", "new text", Map.of(), Map.of(), null,
                null);

        assertEquals("new text", connectors.update(same).description());
    }

    @Test
    void searchMatchesIdNameOrTypeIgnoringCaseSortedByName() {
        connectors.create(new Connector("id-alpha", "Zeta", "coreproiga", null, Map.of(), Map.of(), null, null));
        connectors.create(new Connector("id-beta", "alpha", "other", null, Map.of(), Map.of(), null, null));
        connectors.create(new Connector("id-gamma", "Beta", "ldap", null, Map.of(), Map.of(), null, null));

        assertEquals(List.of("alpha", "Beta", "Zeta"), names(connectors.search(null)));
        assertEquals(List.of("alpha", "Beta", "Zeta"), names(connectors.search("  ")));
        assertEquals(List.of("alpha", "Zeta"), names(connectors.search("ALPHA")));
        assertEquals(List.of("Zeta"), names(connectors.search("CorePro")));
        assertEquals(List.of("Beta"), names(connectors.search("gam")));
        assertEquals(List.of(), names(connectors.search("nothing")));
    }

    @Test
    void searchTakesWildcardsLiterally() {
        connectors.create(Fixtures.connector("a_b"));
        connectors.create(Fixtures.connector("axb"));
        connectors.create(Fixtures.connector("100%"));

        assertEquals(List.of("a_b"), names(connectors.search("_")));
        assertEquals(List.of("100%"), names(connectors.search("%")));
    }

    @Test
    void deleteRemovesTheConnectorWithItsTasksAndRuns() {
        Connector prod = connectors.create(Fixtures.connector("prod"));
        Connector test = connectors.create(Fixtures.connector("test"));
        ScheduledTask prodTask = tasks.createScheduled(Fixtures.scheduled(prod.id(), "people"));
        tasks.createEvent(Fixtures.event(prod.id(), "write people"));
        String prodRun = runs.create(Fixtures.run(prodTask.id(), RunStatus.SUCCESS)).id();
        ScheduledTask testTask = tasks.createScheduled(Fixtures.scheduled(test.id(), "people"));
        String testRun = runs.create(Fixtures.run(testTask.id(), RunStatus.SUCCESS)).id();

        assertTrue(connectors.delete(prod.id()));

        assertTrue(connectors.find(prod.id()).isEmpty());
        assertTrue(tasks.listScheduled(prod.id()).isEmpty());
        assertTrue(tasks.listEvent(prod.id()).isEmpty());
        assertTrue(runs.find(prodRun).isEmpty());
        assertTrue(tasks.findScheduled(testTask.id()).isPresent());
        assertTrue(runs.find(testRun).isPresent());
        assertFalse(connectors.delete(prod.id()));
    }

    @Test
    void requiredFieldsAreCheckedBeforeTheDatabase() {
        Connector nameless = new Connector(null, " ", null, null, Map.of(), Map.of(), null, null);

        ValidationException e = assertThrows(ValidationException.class, () -> connectors.create(nameless));
        assertEquals(List.of("name", "typeId"),
                e.problems().stream().map(p -> p.field()).collect(Collectors.toList()));
    }

    @Test
    void settingsTooLargeForTheColumnAreRefused() {
        Connector huge = new Connector(null, "huge", "coreproiga", null, Map.of("blob", "x".repeat(40_000)),
                Map.of(), null, null);

        ValidationException e = assertThrows(ValidationException.class, () -> connectors.create(huge));
        assertEquals("settings", e.problems().get(0).field());
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsUnavailable() {
        connectors.create(Fixtures.connector("prod"));
        database.dataSource().down(true);

        UnavailableException e = assertThrows(UnavailableException.class, () -> connectors.search(""));
        assertTrue(e.retryable());
        assertThrows(UnavailableException.class, () -> connectors.create(Fixtures.connector("test")));

        database.dataSource().down(false);
        assertEquals(List.of("prod"), names(connectors.search("")));
    }

    private static List<String> names(List<Connector> found) {
        return found.stream().map(Connector::name).collect(Collectors.toList());
    }
}
