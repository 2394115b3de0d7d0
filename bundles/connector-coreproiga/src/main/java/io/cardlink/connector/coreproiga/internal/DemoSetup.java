package io.cardlink.connector.coreproiga.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.scheduler.TaskScheduler;
import io.cardlink.api.service.ConnectorRequest;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.ConnectorView;
import io.cardlink.api.service.EngineSettings;
import io.cardlink.api.service.SettingsService;
import io.cardlink.api.store.TaskStore;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-run demo: when the engine setting {@code demo} is true and no connector exists yet, creates the
 * CoreProIGA connector "Demo" between the emulator's {@code remote} and {@code local} instances and two scheduled
 * tasks that sync the remote's persons and incidents (which reference persons) into the local instance every few
 * minutes, and gives the engine the emulator's local WebAPI user when it has none; the persons task runs at once. It
 * lives with the CoreProIGA type, whose settings it fills, and reaches the engine through its services only; it waits
 * for the type's registration (the engine checks a connector against it) and works off the activation thread.
 */
@Component(immediate = true)
public class DemoSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    static final String CONNECTOR = "Demo";
    static final String TYPE = CoreProIgaConnectorType.ID;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "cardlink-demo-setup");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public DemoSetup(@Reference SettingsService settings, @Reference ConnectorService connectors,
            @Reference TaskStore tasks, @Reference TaskScheduler scheduler,
            @Reference(target = "(" + ConnectorType.TYPE_PROPERTY + "=" + TYPE + ")") ConnectorType type) {
        if (settings.current().demo()) {
            worker.execute(() -> setUp(settings, connectors, tasks, scheduler));
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    static void setUp(SettingsService engine, ConnectorService connectors, TaskStore tasks,
            TaskScheduler scheduler) {
        try {
            if (!connectors.list(null).isEmpty()) {
                return;
            }
            EngineSettings settings = engine.current();
            if (settings.localUser() == null || !settings.localPasswordSet()) {
                // the emulator's local instance knows the WebAPI user webapi/webapi
                engine.update(Map.of(SettingsService.LOCAL_USER, "webapi", SettingsService.LOCAL_PASSWORD, "webapi"));
            }
            Map<String, String> connectorSettings = new LinkedHashMap<>();
            connectorSettings.put(CoreProIgaConnectorType.REMOTE_URL, remoteUrl(settings.localUrl()));
            connectorSettings.put(CoreProIgaConnectorType.REMOTE_API_PATH, settings.localApiPath());
            connectorSettings.put(CoreProIgaConnectorType.REMOTE_USER, "webapi");
            connectorSettings.put(CoreProIgaConnectorType.REMOTE_PASSWORD, "webapi");
            ConnectorView connector = connectors.create(new ConnectorRequest(CONNECTOR, TYPE,
                    "First-run demo: the emulator's remote instance synced into its local instance",
                    connectorSettings));
            ScheduledTask persons = tasks.createScheduled(persons(connector.id()));
            ScheduledTask incidents = tasks.createScheduled(incidents(connector.id()));
            scheduler.schedule(persons);
            scheduler.schedule(incidents);
            // the emulator boots beside the engine: start the first run once both instances answer
            awaitInstances(connectors, connector.id());
            scheduler.runNow(persons.id());
            LOG.info("Demo set up: connector '{}' with tasks '{}' and '{}'; the persons task runs now", CONNECTOR,
                    persons.name(), incidents.name());
        } catch (CardlinkException e) {
            LOG.warn("The first-run demo could not be set up: {}", e.getMessage());
        }
    }

    private static void awaitInstances(ConnectorService connectors, String connectorId) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && !connectors.test(connectorId).ok()) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The emulator's remote instance beside the configured local one. */
    static String remoteUrl(String localUrl) {
        return localUrl.endsWith("/emulator/local")
                ? localUrl.substring(0, localUrl.length() - "local".length()) + "remote"
                : "http://localhost:8181/emulator/remote";
    }

    static ScheduledTask persons(String connectorId) {
        return new ScheduledTask(null, connectorId, "Demo persons", true, Schedule.every(300), TaskMode.FULL, null,
                "person", "persons",
                new Mapping("person", "persons", List.of(new AttributePair("first_name", "first_name"),
                        new AttributePair("last_name", "last_name"), new AttributePair("email", "email"),
                        new AttributePair("department", "department"), new AttributePair("status", "status"),
                        new AttributePair("efecte_id", "source_key")), "cardlink_task_id", "source_key"),
                new RemovalPolicy("status", "removed", RemovalPolicy.DEFAULT_THRESHOLD_PERCENT, false),
                new FailureCardTarget("sync_failure", "integration", "message"), null, null);
    }

    static ScheduledTask incidents(String connectorId) {
        return new ScheduledTask(null, connectorId, "Demo incidents", true, Schedule.every(240), TaskMode.INCREMENTAL,
                null, "incident", "incident_management",
                new Mapping("incident", "incident_management", List.of(new AttributePair("subject", "subject"),
                        new AttributePair("description", "description"), new AttributePair("status", "status"),
                        new AttributePair("priority", "priority"), new AttributePair("due_date", "due_date"),
                        new AttributePair("customer", "customer"), new AttributePair("assigned_at", "assigned_at"),
                        new AttributePair("tags", "tags"), new AttributePair("efecte_id", "source_key")),
                        "cardlink_task_id", "source_key"),
                null, new FailureCardTarget("sync_failure", "integration", "message"), null, null);
    }
}
