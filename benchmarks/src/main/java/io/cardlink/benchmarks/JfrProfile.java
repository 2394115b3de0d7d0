package io.cardlink.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the Karaf JVM spent its CPU during a run, from the {@code jdk.ExecutionSample} events of a JFR recording:
 * shares by top frame (the method on CPU), by the top frame's package, and by the nearest Cardlink frame on the
 * stack (which step of Cardlink the work was done for).
 */
final class JfrProfile {
    record Share(String name, long samples, double percent) {
    }

    /**
     * {@code samples}: on-CPU samples; {@code nativeSamples}: samples of the threads {@code nativeThreads} names
     * in native code (socket reads, file writes and syncs), which the on-CPU samples do not see, summarised by the
     * native method on top and by the nearest Cardlink frame.
     */
    record Summary(long samples, List<Share> topMethods, List<Share> topPackages, List<Share> cardlinkSteps,
            List<Share> threads, String nativeThreads, long nativeSamples, List<Share> nativeMethods,
            List<Share> nativeCardlinkSteps) {
    }

    /** Which threads' native samples a summary counts: their names start with one of {@code prefixes}. */
    record Threads(String description, List<String> prefixes) {
        /** A run's threads: its own, its reader and its writers. */
        static final Threads RUN = new Threads("the run's threads", List.of("cardlink-run", "cardlink-read",
                "cardlink-write"));
        /** The threads that take and deliver operations: Jetty's request threads and the outbox writers. */
        static final Threads ORCHESTRATION = new Threads("request threads and outbox writers", List.of("qtp",
                "cardlink-outbox"));

        boolean include(String thread) {
            return thread != null && prefixes.stream().anyMatch(thread::startsWith);
        }
    }

    private JfrProfile() {
    }

    static Summary read(Path recording, int top, Threads nativeThreads) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> steps = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> nativeMethods = new HashMap<>();
        Map<String, Long> nativeSteps = new HashMap<>();
        long total = 0;
        long nativeTotal = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String eventType = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (eventType.equals("jdk.NativeMethodSample")) {
                String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
                if (nativeThreads.include(thread)) {
                    nativeTotal++;
                    RecordedMethod m = stack.getFrames().get(0).getMethod();
                    nativeMethods.merge(shortType(m.getType().getName()) + "." + m.getName(), 1L, Long::sum);
                    nativeSteps.merge(nearestCardlinkFrame(stack.getFrames()), 1L, Long::sum);
                }
                continue;
            }
            if (!eventType.equals("jdk.ExecutionSample")) {
                continue;
            }
            total++;
            RecordedMethod topMethod = stack.getFrames().get(0).getMethod();
            String type = topMethod.getType().getName();
            methods.merge(shortType(type) + "." + topMethod.getName(), 1L, Long::sum);
            packages.merge(packageOf(type), 1L, Long::sum);
            steps.merge(nearestCardlinkFrame(stack.getFrames()), 1L, Long::sum);
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1L, Long::sum);
        }
        return new Summary(total, top(methods, total, top), top(packages, total, top), top(steps, total, top),
                top(threads, total, top), nativeThreads.description(), nativeTotal, top(nativeMethods, nativeTotal, top),
                top(nativeSteps, nativeTotal, top));
    }

    private static String nearestCardlinkFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            RecordedMethod m = frame.getMethod();
            if (m != null && m.getType().getName().startsWith("io.cardlink.")) {
                return shortType(m.getType().getName()) + "." + m.getName();
            }
        }
        return "(no Cardlink frame: Karaf, CXF, Jetty, JVM)";
    }

    private static String shortType(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted.entrySet().stream()
                .map(e -> new Share(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total)).toList();
    }
}
