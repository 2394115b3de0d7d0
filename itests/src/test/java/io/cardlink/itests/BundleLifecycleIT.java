package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.cardlink.testkit.Rest;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** Operators update and restart single bundles while Karaf runs; data and the endpoint survive. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleLifecycleIT extends CardlinkTestSupport {
    static final String STORAGE = "io.cardlink.storage-jpa";
    static final String REST = "io.cardlink.rest";
    static final String CONSOLE = "io.cardlink.console";
    static final String SCHEDULER = "io.cardlink.scheduler";
    static final String ENGINE = "io.cardlink.engine";

    @Before
    public void apiIsUp() throws Exception {
        waitForApi();
    }

    private String createConnector(String name) throws Exception {
        Rest.Reply created = rest.post("/connectors", ConnectorManagementIT.connectorJson(name, "https://x.example.com"));
        assertEquals(created.body(), 201, created.status());
        return created.json().get("id").asText();
    }

    private void assertStillThere(String id) throws Exception {
        waitForApi();
        Rest.Reply reply = rest.get("/connectors/" + id);
        assertEquals(reply.body(), 200, reply.status());
    }

    @Test
    public void whileStorageIsStoppedTheApiAnswers503AndDataComesBack() throws Exception {
        String id = createConnector("Kept while storage stops");
        String stopped = executeCommand("bundle:stop " + STORAGE);
        assertEquals(stopped, Bundle.RESOLVED, bundle(STORAGE).getState());

        Rest.Reply unavailable = rest.get("/connectors");
        assertEquals(unavailable.body(), 503, unavailable.status());
        assertEquals(503, unavailable.json().get("status").asInt());
        assertTrue(unavailable.json().get("message").asText().contains("not available"));
        Rest.Reply status = rest.get("/status");
        assertEquals(200, status.status());
        assertEquals(false, status.json().get("databaseReachable").asBoolean());

        executeCommand("bundle:start " + STORAGE);
        assertStillThere(id);
    }

    @Test
    public void updatingStorageKeepsTheData() throws Exception {
        String id = createConnector("Kept over storage update");
        executeCommand("bundle:update " + STORAGE);
        assertStillThere(id);
        executeCommand("bundle:restart " + STORAGE);
        assertStillThere(id);
    }

    @Test
    public void updatingRestBringsTheEndpointBack() throws Exception {
        String id = createConnector("Kept over rest update");
        executeCommand("bundle:update " + REST);
        assertStillThere(id);
        executeCommand("bundle:stop " + REST);
        assertEquals(Bundle.RESOLVED, bundle(REST).getState());
        executeCommand("bundle:start " + REST);
        assertStillThere(id);
    }

    /**
     * The scheduler reads the engine settings through the engine's settings service: stopped, started and updated
     * alone it takes them up again, and it follows the service when the engine bundle is updated under it.
     */
    @Test
    public void theSchedulerStopsStartsAndUpdatesAloneAndFollowsTheEngineSettings() throws Exception {
        String id = createConnector("Kept while the scheduler stops");
        executeCommand("bundle:stop " + SCHEDULER);
        assertEquals(Bundle.RESOLVED, bundle(SCHEDULER).getState());
        assertStillThere(id);
        executeCommand("bundle:start " + SCHEDULER);
        executeCommand("bundle:update " + SCHEDULER);
        Rest.Reply three = rest.put("/settings", "{\"maxConcurrentRuns\":3}");
        assertEquals(three.body(), 200, three.status());
        waitUntil("the updated scheduler runs 3 at once", 30_000,
                () -> CoreProIgaConnectorIT.schedulerRunLimit(bundleContext) == 3);

        executeCommand("bundle:update " + ENGINE);
        assertStillThere(id);
        waitUntil("the scheduler is back after the engine's update with the settings in force", 30_000,
                () -> CoreProIgaConnectorIT.schedulerRunLimit(bundleContext) == 3);
        Rest.Reply five = rest.put("/settings", "{\"maxConcurrentRuns\":5}");
        assertEquals(five.body(), 200, five.status());
        waitUntil("the scheduler follows the engine's new settings service", 30_000,
                () -> CoreProIgaConnectorIT.schedulerRunLimit(bundleContext) == 5);
    }

    @Test
    public void theConsoleStopsStartsAndUpdatesAloneWhileTheApiAnswers() throws Exception {
        Rest console = new Rest("http://localhost:" + HTTP_PORT + "/cardlink/console");
        waitUntil("the console answers", 60_000, () -> console.get("/").body().contains("cardlink-api"));
        executeCommand("bundle:stop " + CONSOLE);
        assertEquals(Bundle.RESOLVED, bundle(CONSOLE).getState());
        Rest.Reply gone = console.get("/");
        assertEquals(gone.body(), 404, gone.status());
        assertEquals(200, rest.get("/connectors").status());

        executeCommand("bundle:start " + CONSOLE);
        waitUntil("the console answers again", 60_000, () -> console.get("/settings").body().contains("cardlink-api"));
        executeCommand("bundle:update " + CONSOLE);
        waitUntil("the updated console answers", 60_000, () -> console.get("/js/main.js").status() == 200);
        assertEquals(200, rest.get("/connectors").status());
    }
}
