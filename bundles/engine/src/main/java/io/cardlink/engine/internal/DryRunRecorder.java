package io.cardlink.engine.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cardlink.api.UnavailableException;
import io.cardlink.api.card.DataCard;
import io.cardlink.api.card.Value;
import io.cardlink.api.connector.InstanceGateway;
import io.cardlink.api.run.DryRunReport.Action;
import io.cardlink.api.run.RunCounts;
import io.cardlink.api.task.Mapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dry run's one hook in the pipeline: where a real run writes (local cards, removal marks), the pipeline hands
 * what it would write to this recorder instead, which streams it to the dry run's JSON file ({@link DryRunFiles}).
 * A real run gets {@link #OFF}; {@link #active()} tells the pipeline which of the two it runs. The file is written
 * as the run goes, so a run of many cards holds none of them in memory.
 */
final class DryRunRecorder implements AutoCloseable {

    /** The recorder of a real run: records nothing. */
    static final DryRunRecorder OFF = new DryRunRecorder(null, null, null);

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final String runId;
    private final String taskId;
    private JsonGenerator json;
    private String thresholdStop;
    private boolean finished;

    private DryRunRecorder(Path file, String runId, String taskId) {
        this.file = file;
        this.runId = runId;
        this.taskId = taskId;
    }

    /** The recorder of a dry run, which writes {@code file} from {@link #start()} on. */
    static DryRunRecorder to(Path file, String runId, String taskId) {
        return new DryRunRecorder(file, runId, taskId);
    }

    boolean active() {
        return file != null;
    }

    /** Starts the file: the run's first step, so that a file that can't be written fails the run. */
    void start() {
        if (!active()) {
            return;
        }
        try {
            DryRunFiles.createOwnerOnly(file);
            json = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeStringField("run", runId);
            json.writeStringField("task", taskId);
            json.writeArrayFieldStart("cards");
        } catch (IOException e) {
            throw new UnavailableException("the dry run file " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    /** A remote card that could not be mapped, or was mapped with attributes left out. */
    void problem(String key, String reason) {
        if (!active()) {
            return;
        }
        write(() -> {
            json.writeStartObject();
            json.writeStringField("key", key);
            json.writeStringField("action", "problem");
            json.writeStringField("reason", reason);
            json.writeEndObject();
        });
    }

    /**
     * Records the cards a real run would upsert, by key, and returns how many it would create: a card whose key
     * the local instance does not hold is a create, any other an update with the attributes whose values differ.
     * The local cards are read in one bulk look-up by key, with the attributes the cards would be written with.
     */
    long page(InstanceGateway local, Mapping mapping, Map<String, DataCard> toWrite) {
        Set<String> attributes = new LinkedHashSet<>();
        toWrite.values().forEach(card -> attributes.addAll(card.attributes().keySet()));
        attributes.remove(mapping.uniqueKeyAttribute());
        Map<String, DataCard> existing = LocalCards.cardsByKey(local, mapping.targetTemplate(),
                mapping.uniqueKeyAttribute(), toWrite.keySet(), attributes);
        long creates = 0;
        for (Map.Entry<String, DataCard> entry : toWrite.entrySet()) {
            DataCard current = existing.get(entry.getKey());
            if (current == null) {
                creates++;
                change(entry.getKey(), Action.CREATE, List.of());
            } else {
                change(entry.getKey(), Action.UPDATE, differences(current, entry.getValue()));
            }
        }
        return creates;
    }

    /** A local card a real run would mark removed. */
    void remove(String key) {
        change(key, Action.REMOVE, List.of());
    }

    /** Why a real run would stop at the removal threshold; the dry run goes on and lists the cards. */
    void thresholdStop(String message) {
        thresholdStop = message;
    }

    /** Ends the file with the counts a real run would have; {@code complete} is false when the run was cut short. */
    void finish(RunCounts counts, boolean complete) {
        if (json == null || finished) {
            return;
        }
        finished = true;
        write(() -> {
            json.writeEndArray();
            if (thresholdStop != null) {
                json.writeStringField("thresholdStop", thresholdStop);
            }
            json.writeObjectFieldStart("counts");
            json.writeNumberField("read", counts.read());
            json.writeNumberField("created", counts.created());
            json.writeNumberField("updated", counts.updated());
            json.writeNumberField("unchanged", counts.unchanged());
            json.writeNumberField("removed", counts.removed());
            json.writeNumberField("failed", counts.failed());
            json.writeEndObject();
            json.writeBooleanField("complete", complete);
            json.writeEndObject();
            json.close();
        });
    }

    @Override
    public void close() {
        if (json == null) {
            return;
        }
        try {
            json.close();
        } catch (IOException e) {
            // The run already ended; a file left half-written reads as incomplete.
        }
    }

    /** The attributes of {@code written} whose values differ from the local card's, as display texts. */
    private static List<Change> differences(DataCard current, DataCard written) {
        List<Change> changes = new ArrayList<>();
        written.attributes().forEach((attribute, values) -> {
            List<Value> old = current.values(attribute);
            String oldText = text(old);
            String newText = text(values);
            if (!old.equals(values) && !oldText.equals(newText)) {
                changes.add(new Change(attribute, oldText, newText));
            }
        });
        return changes;
    }

    private static String text(List<Value> values) {
        return values.stream().map(Value::displayText).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private record Change(String attribute, String oldValue, String newValue) {
    }

    private void change(String key, Action action, List<Change> changes) {
        if (!active()) {
            return;
        }
        write(() -> {
            json.writeStartObject();
            json.writeStringField("key", key);
            json.writeStringField("action", action.name().toLowerCase(Locale.ROOT));
            if (action == Action.UPDATE) {
                json.writeArrayFieldStart("attributes");
                for (Change change : changes) {
                    json.writeStartObject();
                    json.writeStringField("attribute", change.attribute());
                    json.writeStringField("oldValue", change.oldValue());
                    json.writeStringField("newValue", change.newValue());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    private interface JsonWrite {
        void write() throws IOException;
    }

    private void write(JsonWrite write) {
        try {
            write.write();
        } catch (IOException e) {
            throw new UnavailableException("the dry run file could not be written: " + e.getMessage(), e);
        }
    }
}
