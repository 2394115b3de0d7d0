package io.cardlink.engine.internal;

import io.cardlink.api.NotFoundException;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.Validation;
import io.cardlink.api.logs.LogFile;
import io.cardlink.api.logs.LogService;
import io.cardlink.api.store.RunStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Cardlink's log folder, which etc/org.ops4j.pax.logging.cfg writes: lists and serves its files by name (never a
 * path), and finds one run's lines by the {@code run=} id that {@link LogContext} puts on them. A line that does not
 * start with a time continues the line before it (a stack trace), and goes with it.
 */
@Component(service = LogService.class, configurationPid = LogFolder.PID)
@Designate(ocd = LogFolder.Config.class)
public class LogFolder implements LogService {
    static final String PID = "io.cardlink.engine.logs";
    /** The current files, which Pax Logging writes; rotated ones add .1, .2, ... (the higher, the older). */
    static final List<String> CURRENT = List.of("cardlink-engine.log", "cardlink-extract.log", "cardlink-load.log");
    private static final Pattern NAME = Pattern.compile("cardlink-[a-z]+\\.log(\\.(\\d+))?");
    // the layout's first column: 2026-03-01T10:15:30,123
    private static final Pattern STARTS_WITH_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");
    private static final int MAX_LIMIT = 100_000;

    @ObjectClassDefinition(name = "Cardlink logs", description = "Where Cardlink's own log files are")
    public @interface Config {
        @AttributeDefinition(description = "Folder of Cardlink's log files, as in etc/org.ops4j.pax.logging.cfg;"
                + " empty = ${karaf.log}/cardlink")
        String directory() default "";
    }

    private final RunStore runs;
    private volatile Path folder;

    @Activate
    public LogFolder(@Reference RunStore runs, Config config) {
        this(runs, folderOf(config));
    }

    LogFolder(RunStore runs, Path folder) {
        this.runs = runs;
        this.folder = folder;
    }

    @Modified
    void apply(Config config) {
        folder = folderOf(config);
    }

    static Path folderOf(Config config) {
        String configured = config.directory();
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        String karafLog = System.getProperty("karaf.log");
        Path logs = karafLog != null ? Paths.get(karafLog) : Paths.get(System.getProperty("karaf.data", "data"), "log");
        return logs.resolve("cardlink");
    }

    @Override
    public List<LogFile> list() {
        return files().stream().map(LogFolder::describe).collect(Collectors.toList());
    }

    @Override
    public LogFile find(String name) {
        return describe(require(name));
    }

    @Override
    public void copy(String name, OutputStream out) throws IOException {
        Files.copy(require(name), out);
    }

    @Override
    public void zip(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Path file : files()) {
            zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
            try {
                Files.copy(file, zip);
            } catch (NoSuchFileException e) {
                // rotated away while the zip was written: the entry stays empty
            }
            zip.closeEntry();
        }
        zip.finish();
    }

    @Override
    public List<String> runLines(String runId, int limit) {
        checkLimit(limit);
        if (runId == null || runs.find(runId).isEmpty()) {
            throw new NotFoundException("no run with id '" + runId + "'");
        }
        String tag = " run=" + runId + " ";
        List<Entry> found = new ArrayList<>();
        for (Path file : oldestFirst(files())) {
            readEntries(file, entry -> {
                if (entry.first().contains(tag)) {
                    found.add(entry);
                }
            });
        }
        return last(byTime(found), limit);
    }

    @Override
    public List<String> tail(int limit) {
        checkLimit(limit);
        List<Entry> found = new ArrayList<>();
        for (String name : CURRENT) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                Deque<Entry> lastOfFile = new ArrayDeque<>();
                readEntries(file, entry -> {
                    lastOfFile.addLast(entry);
                    if (lastOfFile.size() > limit) {
                        lastOfFile.removeFirst();
                    }
                });
                found.addAll(lastOfFile);
            }
        }
        return last(byTime(found), limit);
    }

    private static void checkLimit(int limit) {
        new Validation().check(limit >= 1 && limit <= MAX_LIMIT, "lines", "must be between 1 and " + MAX_LIMIT)
                .throwIfInvalid();
    }

    /** A log line with the lines that continue it. */
    private record Entry(String first, List<String> lines) {
    }

    private static List<Entry> byTime(List<Entry> entries) {
        // the time column sorts as text; a stable sort keeps the order of one file's lines of the same millisecond
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(entry -> entry.first().substring(0, Math.min(23, entry.first().length()))));
        return sorted;
    }

    private static List<String> last(List<Entry> entries, int limit) {
        List<String> lines = entries.stream().flatMap(entry -> entry.lines().stream()).collect(Collectors.toList());
        return lines.subList(Math.max(0, lines.size() - limit), lines.size());
    }

    private static void readEntries(Path file, Consumer<Entry> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            Entry current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (current == null || STARTS_WITH_TIME.matcher(line).matches()) {
                    if (current != null) {
                        sink.accept(current);
                    }
                    current = new Entry(line, new ArrayList<>(List.of(line)));
                } else {
                    current.lines().add(line);
                }
            }
            if (current != null) {
                sink.accept(current);
            }
        } catch (NoSuchFileException e) {
            // rotated away while it was read
        } catch (IOException e) {
            throw new UnavailableException("the log file " + file.getFileName() + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** The files of the folder that are Cardlink's logs, by name. */
    private List<Path> files() {
        Path current = folder;
        if (!Files.isDirectory(current)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(current)) {
            return files.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new UnavailableException("the log folder could not be read: " + e.getMessage(), e);
        }
    }

    /** The rotated files first, the highest number (the oldest) first, then the current ones. */
    private static List<Path> oldestFirst(List<Path> files) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt(LogFolder::rotation).reversed());
        return sorted;
    }

    private static int rotation(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 0;
    }

    private Path require(String name) {
        Validation validation = new Validation();
        validation.require("name", name);
        if (name != null) {
            validation.check(!name.contains("/") && !name.contains("\\") && !name.contains("..")
                    && !name.contains("\0"), "name", "must be the name of a file of the log folder, without a path");
        }
        validation.throwIfInvalid();
        Optional<Path> file = files().stream().filter(f -> f.getFileName().toString().equals(name)).findFirst();
        return file.orElseThrow(() -> new NotFoundException("no log file '" + name + "' in Cardlink's log folder"));
    }

    private static LogFile describe(Path file) {
        try {
            return new LogFile(file.getFileName().toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UnavailableException("the log file " + file.getFileName() + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
