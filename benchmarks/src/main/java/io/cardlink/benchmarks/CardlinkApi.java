package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The parts of Cardlink's REST API the benchmark drives: connector, engine settings, scheduled tasks and runs. */
final class CardlinkApi {
    private final Rest rest;

    CardlinkApi(Rest rest) {
        this.rest = rest;
    }

    /** One finished (or abandoned) run as the benchmark saw it. */
    record RunResult(String id, String status, double wallSeconds, Double runSeconds, Double extractSeconds,
            Double loadSeconds, JsonNode counts, JsonNode info, boolean timedOut) {
        long count(String field) {
            return counts == null ? -1 : counts.path(field).asLong(-1);
        }

        /** The run's own duration when it reports its phase times, else the wall time the benchmark saw. */
        double seconds() {
            return runSeconds != null ? runSeconds : wallSeconds;
        }

        boolean succeeded() {
            return !timedOut && ("SUCCESS".equals(status) || "COMPLETED_WITH_ERRORS".equals(status));
        }
    }

    /** Creates a connector to the emulator's remote instance, after giving the engine the local instance's user. */
    String createConnector(String name, String remoteUrl) throws IOException {
        rest.put("/settings", Map.of("localUser", EmulatorAccess.USER, "localPassword", EmulatorAccess.USER))
                .expectOk("setting the engine's local user");
        ObjectNode body = Rest.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "coreproiga");
        body.put("description", "benchmark");
        ObjectNode settings = body.putObject("settings");
        settings.put("remoteUrl", remoteUrl);
        settings.put("remoteApiPath", "/rest-api/itsm/v1");
        settings.put("remoteUser", EmulatorAccess.USER);
        settings.put("remotePassword", EmulatorAccess.USER);
        String writesInFlight = System.getProperty("localWritesInFlight", "");
        if (!writesInFlight.isBlank()) {
            settings.put("localWritesInFlight", writesInFlight.trim());
        }
        return rest.post("/connectors", body).expectOk("creating the connector").json().get("id").asText();
    }

    /** Sets the engine's local instance through PUT /settings; false when that endpoint is not there. */
    boolean putSettings(Map<String, String> settings) throws IOException {
        Rest.Reply reply = rest.put("/settings", settings);
        if (reply.status() == 404 || reply.status() == 405) {
            return false;
        }
        reply.expectOk("PUT /settings");
        return true;
    }

    /** Whether this build has the scheduled-task and run endpoints (they answer something other than 404). */
    boolean hasScheduledTasks(String connectorId) throws IOException {
        return rest.get("/connectors/" + connectorId + "/scheduled-tasks").status() != 404;
    }

    /** Creates a task and returns its id; the answer is the saved task with warnings ({@code {task, warnings}}). */
    String createTask(String connectorId, ObjectNode task) throws IOException {
        JsonNode saved = rest.post("/connectors/" + connectorId + "/scheduled-tasks", task).expectOk("creating task "
                + task.get("name").asText()).json();
        if (saved.path("warnings").size() > 0) {
            BenchmarkMain.log("task " + task.get("name").asText() + " saved with warnings: " + saved.get("warnings"));
        }
        JsonNode body = saved.has("task") ? saved.get("task") : saved;
        return body.get("id").asText();
    }

    String createEventTask(String connectorId, ObjectNode task) throws IOException {
        JsonNode saved = rest.post("/connectors/" + connectorId + "/event-tasks", task).expectOk("creating event task "
                + task.get("name").asText()).json();
        JsonNode body = saved.has("task") ? saved.get("task") : saved;
        return body.get("id").asText();
    }

    JsonNode task(String connectorId, String taskId) throws IOException {
        return rest.get("/connectors/" + connectorId + "/scheduled-tasks/" + taskId).expectOk("reading a task").json();
    }

    void updateTask(String connectorId, String taskId, JsonNode task) throws IOException {
        rest.put("/connectors/" + connectorId + "/scheduled-tasks/" + taskId, task).expectOk("updating a task");
    }

    void clearCache(String connectorId, String taskId) throws IOException {
        Rest.Reply reply = rest.delete("/connectors/" + connectorId + "/scheduled-tasks/" + taskId + "/cache");
        if (!reply.ok() && reply.status() != 404) {
            reply.expectOk("clearing the cache");
        }
    }

    /** Runs a task now and waits until the run is finished, or stops it when it exceeds the bound. */
    RunResult runNow(String connectorId, String taskId, Duration bound) throws IOException, InterruptedException {
        String task = "/connectors/" + connectorId + "/scheduled-tasks/" + taskId;
        long start = System.nanoTime();
        JsonNode run = rest.post(task + "/runs", "{}").expectOk("run now").json();
        String runId = run.get("id").asText();
        long deadline = start + bound.toNanos();
        long pause = 20;
        while (true) {
            run = rest.get("/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8)).expectOk("reading run " + runId).json();
            if (finished(run.path("status").asText())) {
                return result(run, (System.nanoTime() - start) / 1e9, false);
            }
            if (System.nanoTime() > deadline) {
                rest.post(task + "/stop", "{}");
                return result(run, (System.nanoTime() - start) / 1e9, true);
            }
            Thread.sleep(pause);
            pause = Math.min(250, pause * 2);
        }
    }

    private static boolean finished(String status) {
        return switch (status) {
            case "SCHEDULED", "WAITING", "RUNNING", "" -> false;
            default -> true;
        };
    }

    private static RunResult result(JsonNode run, double wall, boolean timedOut) {
        Instant extractStart = instant(run.at("/extract/startedAt"));
        Instant extractEnd = instant(run.at("/extract/completedAt"));
        Instant loadStart = instant(run.at("/load/startedAt"));
        Instant loadEnd = instant(run.at("/load/completedAt"));
        Double extract = seconds(extractStart, extractEnd);
        Double load = seconds(loadStart, loadEnd);
        Instant end = loadEnd != null ? loadEnd : extractEnd;
        return new RunResult(run.path("id").asText(), run.path("status").asText(), wall, seconds(extractStart, end),
                extract, load, run.get("counts"), run.get("info"), timedOut);
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.has("epochSecond")) {
            return Instant.ofEpochSecond(node.get("epochSecond").asLong(), node.path("nano").asLong());
        }
        if (node.isNumber()) {
            // Jackson without JavaTimeModule config writes instants as epoch seconds with nanos
            return Instant.ofEpochSecond(node.asLong(), Math.round((node.asDouble() - node.asLong()) * 1e9));
        }
        return Instant.parse(node.asText());
    }

    private static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toNanos() / 1e9;
    }
}
