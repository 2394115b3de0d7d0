package io.cardlink.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The ids every log line carries while a run or an event operation's delivery executes on this thread: MDC values
 * that the layout of etc/org.ops4j.pax.logging.cfg prints as {@code connector=}, {@code task=}, {@code run=} and
 * {@code operation=}, so that one run's lines can be picked out of the files. Closing puts back what the thread had
 * before, so that nested contexts and pooled threads are left as they were found. Threads that work for a run
 * carry its context ({@link #daemonCarryingCurrent}).
 */
final class LogContext implements AutoCloseable {

    static final String CONNECTOR = "cardlink.connector";
    static final String TASK = "cardlink.task";
    static final String RUN = "cardlink.run";
    static final String OPERATION = "cardlink.operation";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext(Map<String, String> values) {
        values.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /** The context of a scheduled-task run. */
    static LogContext run(String connectorId, String taskId, String runId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CONNECTOR, connectorId);
        values.put(TASK, taskId);
        values.put(RUN, runId);
        values.put(OPERATION, null);
        return new LogContext(values);
    }

    /** The context of an event operation's delivery. */
    static LogContext operation(String connectorId, String taskId, String operationId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CONNECTOR, connectorId);
        values.put(TASK, taskId);
        values.put(RUN, null);
        values.put(OPERATION, operationId);
        return new LogContext(values);
    }

    /** A daemon thread that runs {@code task} with the log context of the thread that makes it. */
    static Thread daemonCarryingCurrent(String name, Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        Thread thread = new Thread(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            task.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
