package io.cardlink.engine.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.run.DryRunReport;
import io.cardlink.api.run.DryRunReport.Action;
import io.cardlink.api.run.DryRunReport.AttributeChange;
import io.cardlink.api.run.DryRunReport.CardChange;
import io.cardlink.api.run.DryRunReport.CardProblem;
import io.cardlink.api.run.RunCounts;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON files of dry runs, written by {@link DryRunRecorder}: created readable by their owner only (they hold card
 * data), and read back as a {@link DryRunReport} of at most {@link DryRunReport#SHOWN} cards per kind, streaming, so
 * that a file of many cards is never held in memory.
 */
final class DryRunFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DryRunFiles() {
    }

    /** Creates an empty file that only its owner can read and write (where the file system has POSIX permissions). */
    static void createOwnerOnly(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another run is writing " + file, e);
        }
    }

    /**
     * The report of a dry run's file. A file cut short (the node stopped in the middle of the run) gives what it
     * holds up to the cut, with {@code counts} (the run record's) standing in for the counts it lacks.
     */
    static DryRunReport read(Path file, String runId, String taskId, RunCounts recorded) {
        List<CardChange> creates = new ArrayList<>();
        List<CardChange> updates = new ArrayList<>();
        List<CardChange> removes = new ArrayList<>();
        List<CardProblem> problems = new ArrayList<>();
        long problemCount = 0;
        RunCounts counts = recorded;
        String thresholdStop = null;
        try (JsonParser json = MAPPER.createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("it does not hold a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                json.nextToken();
                switch (field) {
                    case "cards" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode card = MAPPER.readTree(json);
                            String action = card.path("action").asText();
                            String key = card.path("key").asText();
                            if ("problem".equals(action)) {
                                problemCount++;
                                addShown(problems, new CardProblem(key, card.path("reason").asText()));
                            } else {
                                Action kind = Action.valueOf(action.toUpperCase(Locale.ROOT));
                                List<CardChange> list = kind == Action.CREATE ? creates
                                        : kind == Action.UPDATE ? updates : removes;
                                if (list.size() < DryRunReport.SHOWN) {
                                    list.add(new CardChange(key, kind, attributes(card.path("attributes"))));
                                }
                            }
                        }
                    }
                    case "thresholdStop" -> thresholdStop = json.getText();
                    case "counts" -> counts = counts(MAPPER.readTree(json));
                    default -> json.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            // Cut short (or broken) at some point: what comes before it is what the run found until then.
        } catch (IOException | IllegalArgumentException e) {
            throw new UnavailableException("the dry run file of run '" + runId + "' can't be read: " + e.getMessage(),
                    e);
        }
        return new DryRunReport(runId, taskId, counts, thresholdStop, creates, updates, removes, problemCount,
                problems);
    }

    private static <T> void addShown(List<T> list, T item) {
        if (list.size() < DryRunReport.SHOWN) {
            list.add(item);
        }
    }

    private static List<AttributeChange> attributes(JsonNode array) {
        List<AttributeChange> changes = new ArrayList<>();
        array.forEach(change -> changes.add(new AttributeChange(change.path("attribute").asText(),
                change.path("oldValue").asText(), change.path("newValue").asText())));
        return changes;
    }

    private static RunCounts counts(JsonNode counts) {
        return new RunCounts(counts.path("read").asLong(), counts.path("created").asLong(),
                counts.path("updated").asLong(), counts.path("unchanged").asLong(), counts.path("removed").asLong(),
                counts.path("failed").asLong());
    }
}
