package io.cardlink.storage.jpa.internal;

import io.cardlink.api.connector.Connector;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One migrated database and the stores per test class, emptied before each test. */
abstract class StoreTestBase {

    static TestDatabase database;
    static JpaConnectorStore connectors;
    static JpaTaskStore tasks;
    static JpaRunStore runs;
    static JpaAlertStore alerts;
    static JpaTaskCacheStore caches;
    static JpaOutboxStore outbox;
    static JpaWorkflowReferenceStore references;
    static JpaEchoLedger ledger;
    static JpaCardTimelineStore timelines;

    @BeforeAll
    static void start() throws Exception {
        database = new TestDatabase().start();
        connectors = new JpaConnectorStore(database.jpa());
        tasks = new JpaTaskStore(database.jpa());
        runs = new JpaRunStore(database.jpa());
        alerts = new JpaAlertStore(database.jpa());
        caches = new JpaTaskCacheStore(database.jpa(), database.dataSource());
        outbox = new JpaOutboxStore(database.jpa());
        references = new JpaWorkflowReferenceStore(database.jpa());
        ledger = new JpaEchoLedger(database.dataSource());
        timelines = new JpaCardTimelineStore(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() throws Exception {
        database.dataSource().down(false);
        for (String table : List.of("CARDLINK_CARD_EVENT_PAGE", "CARDLINK_ALERT", "CARDLINK_ECHO_LEDGER", "CARDLINK_WORKFLOW_REFERENCE", "CARDLINK_OUTBOX_CARD",
                "CARDLINK_OUTBOX", "CARDLINK_TASK_CACHE", "CARDLINK_TASK_WATERMARK",
                "CARDLINK_RUN", "CARDLINK_TASK", "CARDLINK_CONNECTOR_SECRET",
                "CARDLINK_CONNECTOR")) {
            database.execute("DELETE FROM " + table);
        }
    }

    static String newConnector(String name) {
        Connector created = connectors.create(Fixtures.connector(name));
        return created.id();
    }
}
