package io.cardlink.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cardlink.testkit.Rest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The table printed at the end and the JSON document with the same figures and the raw samples. */
final class Report {
    private record Row(String figure, String what, String value, String detail) {
    }

    private final Path workDir;
    private final String fileName;
    private final ObjectNode json = Rest.JSON.createObjectNode();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** The profiled runs by title ("the last full sync"), in the order they ran. */
    private final Map<String, JfrProfile.Summary> profiles = new LinkedHashMap<>();

    Report(Path workDir, String fileName) {
        this.workDir = workDir;
        this.fileName = fileName;
    }

    ObjectNode json() {
        return json;
    }

    void machine(int n, int reps, int shortReps, String karafHeap) {
        ObjectNode machine = json.putObject("machine");
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memInfo("MemTotal"));
        machine.put("cpu", cpuModel());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        json.put("startedAt", Instant.now().toString());
        json.put("loadAverageAtStart", loadAverage());
        json.put("n", n).put("repetitions", reps).put("shortRunRepetitions", shortReps).put("karafHeap", karafHeap);
        json.set("rows", Rest.JSON.createArrayNode());
    }

    void note(String key, String text) {
        notes.add(key + ": " + text);
        json.with("notes").put(key, text);
    }

    void row(String figure, String what, String value, String detail) {
        rows.add(new Row(figure, what, value, detail));
        ((ArrayNode) json.get("rows")).addObject().put("figure", figure).put("what", what).put("value", value)
                .put("detail", detail);
    }

    void problem(String text) {
        problems.add(text);
        json.withArray("problems").add(text);
    }

    void profile(String run, JfrProfile.Summary summary) {
        profiles.put(run, summary);
    }

    void print() {
        StringBuilder out = new StringBuilder("\n");
        ObjectNode m = (ObjectNode) json.get("machine");
        out.append(String.format(Locale.ROOT, "Cardlink benchmarks: %d processors, %s, %s; %s%n", m.get("processors").asInt(),
                m.get("memory").asText(), m.get("cpu").asText(), m.get("java").asText()));
        out.append("Load average at start " + json.path("loadAverageAtStart").asText() + ", now " + loadAverage()
                + ". Figures are median [min - max] over the runs shown.\n\n");
        int whatWidth = rows.stream().mapToInt(r -> r.what().length()).max().orElse(10);
        int valueWidth = rows.stream().mapToInt(r -> r.value().length()).max().orElse(10);
        String format = "%-3s %-" + whatWidth + "s  %-" + valueWidth + "s  %s%n";
        out.append(String.format(Locale.ROOT, format, "#", "measure", "value", "detail"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, format, r.figure(), r.what(), r.value(), r.detail()));
        }
        for (Map.Entry<String, JfrProfile.Summary> profiled : profiles.entrySet()) {
            JfrProfile.Summary profile = profiled.getValue();
            out.append(String.format(Locale.ROOT, "%nProfile of %s (JFR, %,d CPU samples of the Karaf JVM)%n",
                    profiled.getKey(), profile.samples()));
            section(out, "by Cardlink step (nearest io.cardlink frame on the stack)", profile.cardlinkSteps());
            section(out, "by package of the method on CPU", profile.topPackages());
            section(out, "by method on CPU", profile.topMethods());
            section(out, "by thread", profile.threads());
            out.append(String.format(Locale.ROOT, "  %s in native code (I/O: sockets, file writes, syncs), %,d samples%n",
                    profile.nativeThreads(), profile.nativeSamples()));
            section(out, "by native method", profile.nativeMethods());
            section(out, "by Cardlink step", profile.nativeCardlinkSteps());
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        for (String problem : problems) {
            out.append("PROBLEM: ").append(problem).append('\n');
        }
        System.out.print(out);
    }

    private static void section(StringBuilder out, String title, List<JfrProfile.Share> shares) {
        out.append("  ").append(title).append('\n');
        for (JfrProfile.Share s : shares) {
            out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n", s.percent(), s.name()));
        }
    }

    void write() throws IOException {
        Path file = workDir.resolve(fileName);
        json.put("finishedAt", Instant.now().toString());
        json.put("loadAverageAtEnd", loadAverage());
        Files.writeString(file, Rest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("JSON: " + file);
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String memInfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB RAM", kb / 1048576.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "RAM unknown";
        }
        return "RAM unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "CPU unknown";
        }
        return "CPU unknown";
    }
}
