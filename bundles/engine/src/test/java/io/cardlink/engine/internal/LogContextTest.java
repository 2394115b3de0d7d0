package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunListener;
import io.cardlink.api.task.TaskMode;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

class LogContextTest {

    private static MDCAdapter original;

    @TempDir
    Path extractDir;

    /** slf4j-simple, the tests' binding, keeps no MDC: slf4j's own map-backed one stands in for Pax Logging's. */
    @BeforeAll
    static void keepTheMdc() throws Exception {
        Field adapter = MDC.class.getDeclaredField("mdcAdapter");
        adapter.setAccessible(true);
        original = (MDCAdapter) adapter.get(null);
        adapter.set(null, new BasicMDCAdapter());
    }

    @AfterAll
    static void restoreTheMdc() throws Exception {
        Field adapter = MDC.class.getDeclaredField("mdcAdapter");
        adapter.setAccessible(true);
        adapter.set(null, original);
    }

    @Test
    void aRunsLinesCarryItsConnectorTaskAndRunAndTheThreadIsLeftAsItWas() throws Exception {
        try (PipelineHarness harness = new PipelineHarness(extractDir).with(PipelineHarness.persons(TaskMode.FULL))) {
            Map<String, String> atStart = new HashMap<>();
            Map<String, String> atEnd = new HashMap<>();
            harness.engine.addListener(new RunListener() {
                @Override
                public void runStarted(Run run) {
                    atStart.putAll(MDC.getCopyOfContextMap());
                }

                @Override
                public void runEnded(Run run) {
                    atEnd.putAll(MDC.getCopyOfContextMap());
                }
            });
            MDC.put(LogContext.OPERATION, "what the thread had");

            Run run = harness.run("task-persons");

            Map<String, String> expected = Map.of(LogContext.CONNECTOR, "connector", LogContext.TASK, "task-persons",
                    LogContext.RUN, run.id());
            assertEquals(expected, atStart);
            assertEquals(expected, atEnd);
            assertNull(MDC.get(LogContext.RUN));
            assertNull(MDC.get(LogContext.TASK));
            assertNull(MDC.get(LogContext.CONNECTOR));
            assertEquals("what the thread had", MDC.get(LogContext.OPERATION));
        } finally {
            MDC.clear();
        }
    }

    @Test
    void anOperationsContextNamesTheOperationAndNoRunAndClosingPutsBackTheRun() {
        try (LogContext run = LogContext.run("c1", "t1", "r1")) {
            try (LogContext operation = LogContext.operation("c2", "t2", "op-1")) {
                assertEquals("op-1", MDC.get(LogContext.OPERATION));
                assertEquals("t2", MDC.get(LogContext.TASK));
                assertNull(MDC.get(LogContext.RUN));
            }
            assertEquals("r1", MDC.get(LogContext.RUN));
            assertEquals("c1", MDC.get(LogContext.CONNECTOR));
            assertNull(MDC.get(LogContext.OPERATION));
        }
        assertNull(MDC.get(LogContext.RUN));
        assertNull(MDC.get(LogContext.CONNECTOR));
    }
}
