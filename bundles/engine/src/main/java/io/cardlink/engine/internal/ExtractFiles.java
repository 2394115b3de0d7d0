package io.cardlink.engine.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.card.DataCard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The extract files of runs: {@code <root>/<task id>/<run id>.json}, the cards a run read from the remote instance,
 * written as they arrive, readable by the owner only. The newest {@link #keep} files of each task are kept; the
 * retention clean-up removes older ones by age, and a removed task's go with it.
 */
final class ExtractFiles {

    static final int DEFAULT_KEEP = 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final Path root;
    private final int keep;

    ExtractFiles(Path root, int keep) {
        this.root = root;
        this.keep = keep;
    }

    /** Starts the extract file of a run; the name it returns is relative to the root and goes into the run record. */
    Writer open(String taskId, String runId, String template, Instant startedAt) {
        String name = safe(taskId) + "/" + safe(runId) + ".json";
        Path file = root.resolve(name);
        try {
            ownerOnlyFolder(root);
            ownerOnlyFolder(file.getParent());
            JsonGenerator json = JSON.createGenerator(ownerOnlyFile(file), JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeStringField("run", runId);
            json.writeStringField("task", taskId);
            json.writeStringField("template", template);
            json.writeStringField("startedAt", startedAt.toString());
            json.writeArrayFieldStart("cards");
            return new Writer(name, json);
        } catch (IOException e) {
            throw new UnavailableException("the extract file " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Where the file of a dry run goes: beside the task's extract files, and kept or pruned with them (a dry run
     * keeps no extract file).
     */
    Path dryRunFile(String taskId, String runId) {
        return root.resolve(safe(taskId)).resolve(safe(runId) + ".dry-run.json");
    }

    /** An extract that keeps nothing: a dry run reads like a real run but writes no extract file. */
    static Writer discarding() {
        try {
            JsonGenerator json = JSON.createGenerator(java.io.OutputStream.nullOutputStream());
            json.writeStartObject();
            json.writeArrayFieldStart("cards");
            return new Writer(null, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a run record's name, if it is still kept. */
    Optional<Path> find(String name) {
        if (name == null || name.contains("..")) {
            return Optional.empty();
        }
        Path file = root.resolve(name).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Deletes a task's extract files beyond the newest {@link #keep}. */
    void prune(String taskId) {
        Path dir = root.resolve(safe(taskId));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> newestFirst = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(ExtractFiles::modified).reversed())
                    .collect(Collectors.toList());
            for (Path old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | UncheckedIOException e) {
            // Pruning again after the next run is as good; a failure here must not fail a run.
        }
    }

    /** Deletes the extract files last written before {@code cutoff}, of every task; returns how many. */
    int removeOlderThan(Instant cutoff) {
        int removed = 0;
        for (Path dir : taskFolders()) {
            for (Path file : files(dir)) {
                if (modifiedBefore(file, cutoff) && delete(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Deletes a removed task's extract files and folder; returns how many files. */
    int removeTask(String taskId) {
        Path dir = root.resolve(safe(taskId));
        return Files.isDirectory(dir) ? removeFolder(dir) : 0;
    }

    /**
     * Deletes the folders of tasks that no longer exist (removed while the engine was away); returns how many files.
     */
    int removeOtherThan(Set<String> taskIds) {
        Set<String> kept = taskIds.stream().map(ExtractFiles::safe).collect(Collectors.toSet());
        int removed = 0;
        for (Path dir : taskFolders()) {
            if (!kept.contains(dir.getFileName().toString())) {
                removed += removeFolder(dir);
            }
        }
        return removed;
    }

    private int removeFolder(Path dir) {
        int removed = 0;
        for (Path file : files(dir)) {
            if (delete(file)) {
                removed++;
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a file written meanwhile (a run that was starting) keeps the folder; the next clean-up takes it
        }
        return removed;
    }

    private List<Path> taskFolders() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UnavailableException("the extract folder " + root + " could not be read: " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UnavailableException("the extract folder " + dir + " could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates a folder readable by the owner only where the file system has POSIX permissions. */
    private static void ownerOnlyFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Opens a new extract file that only the owner can read, where the file system allows. */
    private static OutputStream ownerOnlyFile(Path file) throws IOException {
        if (posix(file.getParent())) {
            Files.deleteIfExists(file);
            // created with the permissions, so that no other user can open it before they are set
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.newOutputStream(file);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** One run's extract file, open for writing. */
    static final class Writer implements AutoCloseable {
        private final String name;
        private final JsonGenerator json;
        private long count;
        private boolean finished;

        private Writer(String name, JsonGenerator json) {
            this.name = name;
            this.json = json;
        }

        String name() {
            return name;
        }

        void write(DataCard card) {
            try {
                CardJsonWriter.write(json, card);
                count++;
            } catch (IOException e) {
                throw new UnavailableException("the extract file could not be written: " + e.getMessage(), e);
            }
        }

        /** Ends the file, saying whether the extract read every card. */
        void finish(boolean complete) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                json.writeEndArray();
                json.writeNumberField("count", count);
                json.writeBooleanField("complete", complete);
                json.writeEndObject();
                json.close();
            } catch (IOException e) {
                throw new UnavailableException("the extract file could not be written: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                finish(false);
            } catch (UnavailableException e) {
                // The run already failed or ended; the half-written file is left as it is.
            }
        }
    }
}
