package io.cardlink.shell.internal;

import io.cardlink.api.connector.ConnectorType;
import io.cardlink.api.connector.ConnectorTypeRegistry;
import io.cardlink.api.connector.TaskFieldLabel;
import io.cardlink.api.connector.TaskSettingDescriptor;
import io.cardlink.api.service.ConnectorService;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.AttributePair;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.ScheduledTask;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "cardlink", name = "task-show", description = "Shows one task of a connector with its mapping")
public class TaskShowCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Reference(optional = true)
    ConnectorService connectors;

    @Reference(optional = true)
    ConnectorTypeRegistry types;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "task", description = "Task name or id", required = true)
    @Completion(TaskCompleter.class)
    String task;

    @Option(name = "--json", description = "Print the task as the REST API does, for task-add --file")
    boolean json;

    @Override
    public Object execute() {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        return CommandSupport.run(() -> {
            Object found = TaskLookup.find(tasks, connector, task);
            if (json) {
                try {
                    System.out.println(TaskLookup.json().writerWithDefaultPrettyPrinter().writeValueAsString(found));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new CommandRefused("Can't write the task as JSON: " + e.getOriginalMessage());
                }
            } else if (found instanceof ScheduledTask scheduled) {
                print(scheduled, type());
            } else {
                print((EventTask) found, type());
            }
            return null;
        });
    }

    /** The task's connector type, for its words; empty when it is not known here. */
    private Optional<ConnectorType> type() {
        if (connectors == null || types == null) {
            return Optional.empty();
        }
        return types.find(connectors.get(connector).type());
    }

    /** The remote template and folder, each under the type's label (a Matrix42 instance's without the type). */
    private static void remote(String template, String folder, Optional<ConnectorType> type) {
        line(type.map(ConnectorType::templateField).orElse(TaskFieldLabel.TEMPLATE).label(), template);
        line(type.map(ConnectorType::folderField).orElse(TaskFieldLabel.FOLDER).label(), folder);
    }

    private static void print(ScheduledTask task, Optional<ConnectorType> type) {
        Map<String, String> labels = type.map(t -> t.taskSettings().stream()
                .collect(Collectors.toMap(TaskSettingDescriptor::key, TaskSettingDescriptor::label)))
                .orElse(Map.of());
        line("Name", task.name());
        line("Kind", "scheduled (reads the remote instance, writes the local one)");
        line("Id", task.id());
        line("Enabled", task.enabled() ? "yes" : "no");
        line("Schedule", TaskFields.describe(task.schedule()));
        line("Mode", task.mode());
        remote(task.remoteTemplate(), task.remoteFolder(), type);
        task.settings().forEach((key, value) -> line(labels.getOrDefault(key, key), value));
        print(task.mapping(), "remote", "local");
        if (task.removal() != null) {
            line("Removal", task.removal().statusAttribute() + " := " + task.removal().removedValue()
                    + " (at most " + task.removal().thresholdPercent() + "% of the cards)");
            line("Returning", task.removal().reactivateReturning() ? "cards that come back are reactivated"
                    : "cards that come back stay removed");
        }
        if (task.failureCard() != null) {
            line("Failure card", task.failureCard().template() + " in " + task.failureCard().folder()
                    + ", error text in " + task.failureCard().attribute());
        }
    }

    private static void print(EventTask task, Optional<ConnectorType> type) {
        line("Name", task.name());
        line("Kind", "event (writes the remote instance when a workflow calls it)");
        line("Id", task.id());
        line("Local", task.localTemplate() + (task.localFolder() == null ? "" : " in " + task.localFolder()));
        remote(task.remoteTemplate(), task.remoteFolder(), type);
        print(task.mapping(), "local", "remote");
        line("In use", task.inUse() ? "yes, by " + String.join(", ", task.workflowReferences()) : "no");
    }

    private static void print(Mapping mapping, String from, String to) {
        if (mapping == null) {
            return;
        }
        line("Target", mapping.targetTemplate() + " in " + mapping.targetFolder() + " (" + to + ")");
        line("Unique key", mapping.uniqueKeyAttribute());
        line("Task id in", mapping.taskIdAttribute());
        line("Task name in", mapping.taskNameAttribute());
        System.out.println("Pairs (" + from + " -> " + to + "):");
        for (AttributePair pair : mapping.pairs()) {
            System.out.println("  " + pair.source() + " -> " + pair.target());
        }
    }

    private static void line(String label, Object value) {
        if (value != null) {
            System.out.printf("%-13s %s%n", label + ":", value);
        }
    }
}
