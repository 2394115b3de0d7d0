package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.esm.client.EsmClient;
import io.cardlink.esm.client.EsmClientConfig;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.time.Duration;
import java.util.List;

/**
 * What is synchronised, the same for the engine and the raw copy: the emulator's incident template (strings,
 * a multi-valued string, a number, a date, a date-time, a static value, a reference to person, a worklog, and the
 * source's efecte_id as unique key), and the persons the references point at.
 */
final class Workload {
    static final String INCIDENT = "incident";
    static final String INCIDENT_FOLDER = "incident_management";
    static final List<String> INCIDENT_ATTRIBUTES = List.of("subject", "description", "status", "priority",
            "due_date", "customer", "assigned_at", "tags", "worklog");
    static final String PERSON = "person";
    static final String PERSON_FOLDER = "persons";
    static final List<String> PERSON_ATTRIBUTES = List.of("first_name", "last_name", "email", "department", "status");
    static final String SOURCE_KEY = "efecte_id";
    static final String TARGET_KEY = "source_key";
    static final String TASK_ID = "cardlink_task_id";
    /** Never fires: the benchmark starts every run itself. */
    static final String NEVER = "0 0 3 1 1 ? 2099";

    private Workload() {
    }

    /** The bare client of an emulator instance of the demo fixture, as the raw copy and the bare creates use it. */
    static EsmClient emulatorClient(String instanceUrl, Duration requestTimeout) {
        return EsmClient.create(EsmClientConfig.builder().baseUrl(instanceUrl).login(EmulatorAccess.USER)
                .password(EmulatorAccess.USER).requestTimeout(requestTimeout).build());
    }

    static ObjectNode personTask(String name) {
        return task(name, "FULL", PERSON, PERSON_FOLDER, PERSON_ATTRIBUTES);
    }

    static ObjectNode incidentTask(String name, String mode) {
        return task(name, mode, INCIDENT, INCIDENT_FOLDER, INCIDENT_ATTRIBUTES);
    }

    private static ObjectNode task(String name, String mode, String template, String folder, List<String> attributes) {
        ObjectNode task = Rest.JSON.createObjectNode();
        task.put("name", name);
        task.put("enabled", false);
        task.putObject("schedule").put("cron", NEVER);
        task.put("mode", mode);
        task.put("remoteTemplate", template);
        task.put("remoteFolder", folder);
        ObjectNode mapping = task.putObject("mapping");
        mapping.put("targetTemplate", template);
        mapping.put("targetFolder", folder);
        ArrayNode pairs = mapping.putArray("pairs");
        for (String code : attributes) {
            pairs.addObject().put("source", code).put("target", code);
        }
        pairs.addObject().put("source", SOURCE_KEY).put("target", TARGET_KEY);
        mapping.put("taskIdAttribute", TASK_ID);
        mapping.put("uniqueKeyAttribute", TARGET_KEY);
        return task;
    }
}
