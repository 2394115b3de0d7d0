package io.cardlink.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.logs.LogFile;
import io.cardlink.api.run.Phase;
import io.cardlink.api.run.Run;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.run.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFolderTest {

    @TempDir
    Path root;
    private Path folder;
    private LogFolder logs;
    private final MemoryStores runs = new MemoryStores();

    @BeforeEach
    void files() throws Exception {
        folder = root.resolve("cardlink");
        Files.createDirectories(folder);
        runs.knownTasks.add("t1");
        runs.create(new Run("r1", "t1", null, "manual", RunStatus.SUCCESS, Instant.EPOCH, Phase.pending(),
                Phase.pending(), RunCounts.ZERO, List.of(), null));
        runs.create(new Run("r2", "t1", null, "manual", RunStatus.SUCCESS, Instant.EPOCH, Phase.pending(),
                Phase.pending(), RunCounts.ZERO, List.of(), null));
        // the rotated file holds the run's start, the current ones its end, in two files
        write("cardlink-engine.log.1", "2026-03-01T10:00:00,000 | INFO  | t | SyncEngine | connector=c1 task=t1"
                + " run=r1 | started");
        write("cardlink-engine.log", "2026-03-01T10:00:05,000 | INFO  | t | SyncEngine | connector=c1 task=t1 run=r1"
                + " | Run r1 of task 'People' ended SUCCESS", "2026-03-01T10:00:06,000 | INFO  | t | SyncEngine | |"
                + " something else");
        write("cardlink-load.log", "2026-03-01T10:00:03,000 | WARN  | t | PageLoader | connector=c1 task=t1 run=r1 |"
                + " failed", "java.lang.IllegalStateException: boom", "\tat io.cardlink.Somewhere(Somewhere.java:1)",
                "2026-03-01T10:00:04,000 | INFO  | t | PageLoader | connector=c1 task=t1 run=r12 | another run");
        write("cardlink-extract.log");
        Files.writeString(root.resolve("karaf.log"), "not Cardlink's");
        Files.writeString(folder.resolve("notes.txt"), "not a log");
        logs = new LogFolder(runs, folder);
    }

    private void write(String name, String... lines) throws Exception {
        Files.write(folder.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void listsTheLogFilesOfItsFolderOnly() {
        List<String> names = logs.list().stream().map(LogFile::name).toList();

        assertEquals(List.of("cardlink-engine.log", "cardlink-engine.log.1", "cardlink-extract.log",
                "cardlink-load.log"), names);
        LogFile engine = logs.find("cardlink-engine.log");
        assertTrue(engine.size() > 0);
    }

    @Test
    void refusesPathsAndAnswersUnknownNamesAsNotFound() {
        for (String path : List.of("../karaf.log", "cardlink/../../karaf.log", "/etc/passwd", "..\\karaf.log",
                "..")) {
            ValidationException refused = assertThrows(ValidationException.class, () -> logs.find(path), path);
            assertEquals("name", refused.problems().get(0).field());
        }
        assertThrows(NotFoundException.class, () -> logs.find("notes.txt"));
        assertThrows(NotFoundException.class, () -> logs.find("cardlink-engine.log.7"));
        assertThrows(NotFoundException.class, () -> logs.copy("karaf.log", new ByteArrayOutputStream()));
    }

    @Test
    void aRunsLinesComeFromEveryFileInTimeOrderWithTheirStackTraces() {
        List<String> lines = logs.runLines("r1", 100);

        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("started"));
        assertTrue(lines.get(1).endsWith("failed"));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(2));
        assertTrue(lines.get(4).contains("ended SUCCESS"));
        assertEquals(2, logs.runLines("r1", 2).size(), "the last ones");
        assertEquals(List.of(), logs.runLines("r2", 100));
        assertThrows(NotFoundException.class, () -> logs.runLines("nope", 100));
        assertThrows(ValidationException.class, () -> logs.runLines("r1", 0));
    }

    @Test
    void theTailMergesTheCurrentFiles() {
        List<String> lines = logs.tail(2);

        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("ended SUCCESS"));
        assertTrue(lines.get(1).endsWith("something else"));
    }

    @Test
    void theZipHoldsEveryFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        logs.zip(bytes);

        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                if (entry.getName().equals("cardlink-engine.log.1")) {
                    assertTrue(new String(zip.readAllBytes(), StandardCharsets.UTF_8).contains("started"));
                }
            }
        }
        assertEquals(List.of("cardlink-engine.log", "cardlink-engine.log.1", "cardlink-extract.log",
                "cardlink-load.log"), entries);
    }
}
