package io.cardlink.shell.internal;

import io.cardlink.api.service.TaskService;
import io.cardlink.api.timeline.CardEvent;
import io.cardlink.api.timeline.CardLookup;
import io.cardlink.api.timeline.CardTimeline;
import io.cardlink.api.timeline.CardTimelineService;
import io.cardlink.api.timeline.LastSeen;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "card-timeline",
        description = "Shows what Cardlink did with one card, oldest first: created, updated or marked removed by a run,"
                + " written to the remote by an event operation, suppressed as an echo, held, refused")
public class CardTimelineCommand implements Action {

    @Reference(optional = true)
    CardTimelineService timelines;

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "key", description = "The card's key (or give --local-id or --remote-id instead)")
    String key;

    @Option(name = "--local-id", description = "Name the card by the id of its local card")
    String localId;

    @Option(name = "--remote-id", description = "Name the card by the id of its remote card")
    String remoteId;

    @Override
    public Object execute() {
        if (timelines == null) {
            throw new CommandRefused(CommandSupport.UNAVAILABLE);
        }
        int named = (key == null ? 0 : 1) + (localId == null ? 0 : 1) + (remoteId == null ? 0 : 1);
        if (named != 1) {
            throw new CommandRefused("Name the card one way: cardlink:card-timeline CONNECTOR KEY, or --local-id ID CONNECTOR,"
                    + " or --remote-id ID CONNECTOR");
        }
        CardLookup lookup = key != null ? CardLookup.KEY : localId != null ? CardLookup.LOCAL_ID : CardLookup.REMOTE_ID;
        String value = key != null ? key : localId != null ? localId : remoteId;
        return CommandSupport.run(() -> {
            print(timelines.timeline(connector, lookup, value), taskNames(), System.out);
            return null;
        });
    }

    /** The names of the connector's tasks by id; a task removed since keeps its id in the output. */
    private Map<String, String> taskNames() {
        Map<String, String> names = new HashMap<>();
        if (tasks != null) {
            tasks.listScheduled(connector, null).forEach(task -> names.put(task.id(), task.name()));
            tasks.listEvent(connector, null).forEach(task -> names.put(task.id(), task.name()));
        }
        return names;
    }

    static void print(CardTimeline timeline, Map<String, String> taskNames, PrintStream out) {
        if (timeline.cardKey() == null) {
            out.println("No card with that id has a timeline in this connector");
            return;
        }
        out.println("Card " + timeline.cardKey());
        if (timeline.events().isEmpty()) {
            out.println("No entries");
        } else {
            if (timeline.truncated()) {
                out.println("(only the newest " + timeline.events().size() + " entries)");
            }
            String format = "%-30s  %-10s  %-5s  %-36s  %-38s  %-12s  %-12s  %s%n";
            out.printf(format, "Time", "What", "Dir", "Task", "Run / operation", "Local id", "Remote id", "Details");
            for (CardEvent event : timeline.events()) {
                out.printf(format, event.at(), event.kind().name().toLowerCase(Locale.ROOT),
                        event.direction().name().toLowerCase(Locale.ROOT),
                        taskNames.getOrDefault(event.taskId(), event.taskId()),
                        event.runId() != null ? "run " + event.runId() : "operation " + event.operationId(),
                        blankIfNull(event.localId()), blankIfNull(event.remoteId()), details(event));
            }
        }
        for (LastSeen seen : timeline.lastSeen()) {
            out.println("Last seen by task " + taskNames.getOrDefault(seen.taskId(), seen.taskId()) + " at " + seen.at() + " in run " + seen.runId());
        }
    }

    /** The attributes, workflow and message of an entry, those it has. */
    static String details(CardEvent event) {
        List<String> parts = new ArrayList<>();
        if (!event.attributes().isEmpty()) {
            parts.add("attributes: " + String.join(", ", event.attributes()));
        }
        if (event.workflow() != null) {
            parts.add("workflow: " + event.workflow());
        }
        if (event.message() != null) {
            parts.add(event.message());
        }
        return String.join("; ", parts);
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }
}
