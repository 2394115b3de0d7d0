package io.cardlink.engine.internal;

import java.util.Map;
import org.slf4j.MDC;

/** A run's log context (its run and task ids) carried into the threads that work for the run. */
final class LogContexts {

    private LogContexts() {
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
}
