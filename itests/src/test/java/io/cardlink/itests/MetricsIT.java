package io.cardlink.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.cardlink.testkit.EmulatorAccess;
import io.cardlink.testkit.Rest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Operations in the assembled Karaf against the emulator: the Prometheus endpoint parsed as the text format and
 * matched against a run's counts, the monitoring role, the task list's last statuses and next run, and the
 * scheduling advice on save. One boot, one story.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT extends CardlinkTestSupport {
    private static final long RUN_TIMEOUT = 300_000;
    /** What Prometheus 2.x sends. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final EmulatorAccess remote = EmulatorAccess.inKaraf(HTTP_PORT, "remote");
    private final EmulatorAccess local = EmulatorAccess.inKaraf(HTTP_PORT, "local");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        options.add(editConfigurationFilePut("etc/io.cardlink.engine.cfg", "localUrl",
                "http://localhost:" + HTTP_PORT + "/emulator/local"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void metricsTaskListAndSchedulingAdvice() throws Exception {
        waitForApi();
        // before the emulator is installed: a change of the engine's settings builds the emulator in Karaf again
        useEmulatorLocalUser();
        installFeature("cardlink-emulator");
        waitUntil("the emulator answers", 120_000, () -> remote.answers() && local.answers());
        String connector = created(rest.post("/connectors", "{\"name\":\"Metered\",\"type\":\"coreproiga\","
                + "\"settings\":{\"remoteUrl\":\"" + remote.url() + "\",\"remoteApiPath\":\"/rest-api/itsm/v1\","
                + "\"remoteUser\":\"webapi\",\"remotePassword\":\"webapi\"}}")).get("id").asText();
        String tasks = "/connectors/" + connector + "/scheduled-tasks";
        JsonNode saved = created(rest.post(tasks, SyncPipelineIT.personsTask()));
        String taskId = saved.at("/task/id").asText();
        assertEquals(saved.toString(), 0, saved.get("warnings").size());

        JsonNode run = awaitEnd(accepted(rest.post(tasks + "/Persons/runs", null)));
        assertEquals(run.toString(), "SUCCESS", run.get("status").asText());
        long read = run.at("/counts/read").asLong();
        assertTrue(run.toString(), read > 0);

        // the monitor reads the metrics, parsed as the Prometheus text format, and they match the run's counts
        Rest.Reply scrape = rest.asMonitor().send("GET", "/metrics", null, PROMETHEUS_ACCEPT);
        assertEquals(scrape.body(), 200, scrape.status());
        String type = scrape.headers().firstValue("Content-Type").orElse("");
        assertTrue(type, type.startsWith("text/plain") && type.contains("version=0.0.4"));
        Exposition metrics = Exposition.parse(scrape.body());
        Map<String, String> ofRun = Map.of("connector", connector, "task", taskId);
        assertEquals(1.0, metrics.value("cardlink_runs_total", with(ofRun, "status", "SUCCESS")), 0);
        for (String outcome : List.of("read", "created", "updated", "unchanged", "removed", "failed")) {
            assertEquals(outcome, run.at("/counts/" + outcome).asDouble(),
                    metrics.value("cardlink_cards_total", with(ofRun, "outcome", outcome)), 0);
        }
        assertEquals(1.0, metrics.value("cardlink_run_duration_seconds_count", ofRun), 0);
        assertEquals(1.0, metrics.value("cardlink_run_phase_duration_seconds_count", with(ofRun, "phase", "load")), 0);
        assertEquals("histogram", metrics.types.get("cardlink_run_duration_seconds"));
        double remoteCalls = metrics.sum("cardlink_remote_call_duration_seconds_count",
                Map.of("instance", "localhost:" + HTTP_PORT, "status", "200"));
        assertTrue("calls to the emulator: " + remoteCalls, remoteCalls >= 2);
        assertEquals(0.0, metrics.value("cardlink_outbox_waiting_operations", Map.of()), 0);
        assertEquals(0.0, metrics.value("cardlink_held_cards", Map.of()), 0);
        assertTrue(metrics.value("cardlink_scheduler_max_concurrent_runs", Map.of()) >= 1);
        assertEquals(0.0, metrics.value("cardlink_scheduler_running_runs", Map.of()), 0);

        // the monitor gets nothing else, a viewer no metrics; the admin and the shell read them too
        assertEquals(403, rest.asMonitor().get("/connectors").status());
        assertEquals(403, rest.asMonitor().get(tasks).status());
        assertEquals(403, rest.asViewer().send("GET", "/metrics", null, PROMETHEUS_ACCEPT).status());
        assertEquals(200, rest.send("GET", "/metrics", null, PROMETHEUS_ACCEPT).status());
        String shell = executeCommand("cardlink:metrics");
        assertTrue(shell, shell.contains("cardlink_runs_total{connector=\"" + connector + "\""));

        // the task list: last extract and load status; a disabled task has no next run
        JsonNode row = only(rest.get(tasks).json());
        assertEquals(row.toString(), "SUCCESS", row.get("lastExtractStatus").asText());
        assertEquals(row.toString(), "SUCCESS", row.get("lastLoadStatus").asText());
        assertTrue(row.toString(), row.path("nextRunAt").isMissingNode() || row.path("nextRunAt").isNull());
        assertEquals(1, rest.get(tasks + "?search=disabled").json().size());

        // enabled at the hour: no advice (its last run read fewer than 500 cards), and a next run in the list
        Rest.Reply enabled = rest.put(tasks + "/Persons", personsEvery(3600));
        assertEquals(enabled.body(), 200, enabled.status());
        assertEquals(enabled.body(), 0, enabled.json().get("warnings").size());
        row = only(rest.get(tasks + "?search=load:success").json());
        assertNotNull(row.toString(), row.get("nextRunAt").textValue());
        assertEquals(0, rest.get(tasks + "?search=disabled").json().size());
        assertEquals(0, rest.get(tasks + "?search=load:error").json().size());
        String list = executeCommand("cardlink:task-list Metered");
        assertTrue(list, list.contains("SUCCESS") && list.contains(row.get("nextRunAt").textValue()));
        String history = executeCommand("cardlink:task-history Metered Persons");
        assertTrue(history, history.contains("Next run: " + row.get("nextRunAt").textValue()));

        // every 5 minutes is tighter than the sizing table allows: saved, with a warning that says what to do
        Rest.Reply tight = rest.put(tasks + "/Persons", personsEvery(300));
        assertEquals(tight.body(), 200, tight.status());
        JsonNode warnings = tight.json().get("warnings");
        assertEquals(warnings.toString(), 1, warnings.size());
        assertEquals("task 'Persons' runs every 5 min but its last run read " + read + " cards: the vendor's sizing"
                + " table advises a full task with fewer than 500 cards to run at most every 30 min; schedule it"
                + " less often, or add an incremental task for the changes in between", warnings.get(0).asText());
        assertEquals(300, rest.get(tasks + "/Persons").json().at("/schedule/intervalSeconds").asInt());
    }

    private static String personsEvery(int seconds) {
        return SyncPipelineIT.personsTask().replace("\"enabled\":false", "\"enabled\":true")
                .replace("\"intervalSeconds\":3600", "\"intervalSeconds\":" + seconds);
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(name, value);
        return all;
    }

    private static JsonNode only(JsonNode list) {
        assertEquals(list.toString(), 1, list.size());
        return list.get(0);
    }

    private JsonNode created(Rest.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json();
    }

    private String accepted(Rest.Reply reply) {
        assertEquals(reply.body(), 202, reply.status());
        return reply.json().get("id").asText();
    }

    private JsonNode awaitEnd(String runId) throws Exception {
        waitUntil("run " + runId + " ends", RUN_TIMEOUT, () -> {
            String status = rest.get("/runs/" + runId).json().get("status").asText();
            return !List.of("SCHEDULED", "WAITING", "RUNNING").contains(status);
        });
        return rest.get("/runs/" + runId).json();
    }

    /**
     * The Prometheus text exposition format 0.0.4, read line by line: {@code # HELP} and {@code # TYPE} comments,
     * and samples {@code name{label="value",...} value [timestamp]} with escaped label values. Fails on anything
     * else, on a sample before its family's TYPE, on a family typed twice, and on a histogram whose buckets are not
     * cumulative or whose +Inf bucket is not its count.
     */
    static final class Exposition {
        final Map<String, String> types = new LinkedHashMap<>();
        final List<Sample> samples = new ArrayList<>();

        record Sample(String name, Map<String, String> labels, double value) {
        }

        static Exposition parse(String text) {
            Exposition exposition = new Exposition();
            String[] lines = text.split("\n", -1);
            assertEquals("the text ends with a line feed", "", lines[lines.length - 1]);
            for (int i = 0; i < lines.length - 1; i++) {
                String line = lines[i];
                try {
                    exposition.line(line);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
                }
            }
            exposition.checkHistograms();
            return exposition;
        }

        private void line(String line) {
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    assertTrue("metric name", METRIC_NAME.matcher(parts[2]).matches());
                    assertTrue("type", List.of("counter", "gauge", "histogram", "summary", "untyped")
                            .contains(parts[3]));
                    assertNull("typed once", types.put(parts[2], parts[3]));
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    assertTrue("metric name", METRIC_NAME.matcher(parts[2]).matches());
                }
                return;
            }
            int at = 0;
            while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
                at++;
            }
            String name = line.substring(0, at);
            assertTrue("metric name", METRIC_NAME.matcher(name).matches());
            Map<String, String> labels = new TreeMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at = labels(line, at + 1, labels);
            }
            assertEquals("a space before the value", ' ', line.charAt(at));
            String[] rest = line.substring(at + 1).split(" ");
            assertTrue("a value and at most a timestamp", rest.length == 1 || rest.length == 2);
            if (rest.length == 2) {
                Long.parseLong(rest[1]);
            }
            assertNotNull("a TYPE before the samples of " + name, family(name));
            samples.add(new Sample(name, labels, number(rest[0])));
        }

        /** Reads {@code name="value",...} up to the closing brace; returns the index after it. */
        private static int labels(String line, int at, Map<String, String> labels) {
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String label = line.substring(at, equals);
                assertTrue("label name " + label, LABEL_NAME.matcher(label).matches());
                assertEquals("a quoted value", '"', line.charAt(equals + 1));
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                for (; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char escaped = line.charAt(++i);
                        assertTrue("escape \\" + escaped, escaped == '\\' || escaped == '"' || escaped == 'n');
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                assertNull("label " + label + " once", labels.put(label, value.toString()));
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            return at + 1;
        }

        private static double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }

        /** The TYPE of the family a sample belongs to, by its name and the suffixes of its type. */
        private String family(String sample) {
            if (types.containsKey(sample)) {
                return types.get(sample);
            }
            for (String suffix : List.of("_total", "_created", "_bucket", "_sum", "_count")) {
                if (sample.endsWith(suffix)) {
                    String base = sample.substring(0, sample.length() - suffix.length());
                    String type = types.get(base);
                    if (type != null && !type.equals("gauge")) {
                        return type;
                    }
                }
            }
            return null;
        }

        private void checkHistograms() {
            types.forEach((family, type) -> {
                if (!type.equals("histogram")) {
                    return;
                }
                Map<Map<String, String>, List<Sample>> bySeries = new HashMap<>();
                for (Sample sample : samples) {
                    if (sample.name().equals(family + "_bucket")) {
                        Map<String, String> series = new TreeMap<>(sample.labels());
                        series.remove("le");
                        bySeries.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
                    }
                }
                bySeries.forEach((series, buckets) -> {
                    double previous = 0;
                    for (Sample bucket : buckets) {
                        assertTrue(family + series + " buckets cumulative", bucket.value() >= previous);
                        previous = bucket.value();
                    }
                    Sample last = buckets.get(buckets.size() - 1);
                    assertEquals("+Inf", last.labels().get("le"));
                    assertEquals(family + series + " +Inf is the count", value(family + "_count", series),
                            last.value(), 0);
                });
            });
        }

        /** The one sample of this name with exactly these labels. */
        double value(String name, Map<String, String> labels) {
            List<Sample> found = samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))).toList();
            if (found.size() != 1) {
                fail("expected one sample " + name + labels + ", found " + found.size() + " among "
                        + samples.stream().filter(s -> s.name().equals(name)).toList());
            }
            return found.get(0).value();
        }

        /** The sum of the samples of this name whose labels include these. */
        double sum(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name)
                    && s.labels().entrySet().containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
        }
    }
}
