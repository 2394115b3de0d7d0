package io.cardlink.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cardlink.api.service.Saved;
import io.cardlink.api.service.TaskService;
import io.cardlink.api.task.EventTask;
import io.cardlink.api.task.FailureCardTarget;
import io.cardlink.api.task.Mapping;
import io.cardlink.api.task.RemovalPolicy;
import io.cardlink.api.task.Schedule;
import io.cardlink.api.task.ScheduledTask;
import io.cardlink.api.task.TaskMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Service
@Command(scope = "cardlink", name = "task-add", description = "Adds a scheduled task (or with --event an event task) to a connector",
        detailedDescription = "Example: cardlink:task-add --remote-template incident --remote-folder incident_management"
                + " --target-template incident --target-folder incident_management --interval 300"
                + " --pair efecte_id=source_key --pair subject=subject --unique-key source_key"
                + " --task-id-attribute cardlink_task_id --setting \"eqlFilter=\\$status\\$ = 'open'\" \"HR sync\" Incidents\n"
                + "Event task: cardlink:task-add --event --local-template access_request --remote-template incident"
                + " --remote-folder incident_management --pair efecte_id=source_key --pair subject=subject"
                + " --unique-key source_key \"HR sync\" \"Access requests\"\n"
                + "From a file in the REST API's JSON: cardlink:task-add --file task.json \"HR sync\"")
public class TaskAddCommand implements Action {

    @Reference(optional = true)
    TaskService tasks;

    @Argument(index = 0, name = "connector", description = "Connector name or id", required = true)
    @Completion(ConnectorCompleter.class)
    String connector;

    @Argument(index = 1, name = "name", description = "Unique task name within the connector (with --file: overrides the file's)")
    String name;

    @Option(name = "--event", description = "Add an event task (local -> remote) instead of a scheduled task")
    boolean event;

    @Option(name = "--file", description = "Read the task from a JSON file shaped as the REST API's task")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--disabled", description = "Add the scheduled task switched off")
    boolean disabled;

    @Option(name = "--cron", description = "Quartz cron expression (seconds first, UTC), such as \"0 0/15 * * * ?\"")
    String cron;

    @Option(name = "--interval", description = "Run every this many seconds")
    Long interval;

    @Option(name = "--mode", description = "full (default) or incremental")
    @Completion(value = org.apache.karaf.shell.support.completers.StringsCompleter.class, values = {"full", "incremental"})
    String mode;

    @Option(name = "--setting", description = "Scheduled tasks: a task setting of the connector's type as key=value"
            + " (connector-types lists them), such as eqlFilter=\"$status$ = 'open'\"; repeat for each",
            multiValued = true)
    @Completion(TaskSettingCompleter.class)
    List<String> settings;

    @Option(name = "--remote-template", description = "Template code in the remote instance")
    String remoteTemplate;

    @Option(name = "--remote-folder", description = "Folder code in the remote instance")
    String remoteFolder;

    @Option(name = "--local-template", description = "Event tasks: the local template whose cards the task takes"
            + " (default: the remote template's code)")
    String localTemplate;

    @Option(name = "--local-folder", description = "Event tasks: the local folder those cards must be in (optional)")
    String localFolder;

    @Option(name = "--target-template", description = "Template code in the local instance (scheduled tasks)")
    String targetTemplate;

    @Option(name = "--target-folder", description = "Folder code in the local instance (scheduled tasks)")
    String targetFolder;

    @Option(name = "--pair", description = "An attribute pair source=target; repeat for each", multiValued = true)
    List<String> pairs;

    @Option(name = "--unique-key", description = "Target attribute that identifies a card in both instances")
    String uniqueKey;

    @Option(name = "--task-id-attribute", description = "Target string attribute that receives the task id")
    String taskIdAttribute;

    @Option(name = "--task-name-attribute", description = "Target string attribute that receives the task name (Datasourceid)")
    String taskNameAttribute;

    @Option(name = "--removal-status", description = "Full tasks: attribute set on local cards whose source is gone")
    String removalStatus;

    @Option(name = "--removal-value", description = "Full tasks: the value that marks such a card as removed")
    String removalValue;

    @Option(name = "--removal-threshold", description = "Full tasks: mark nothing when more than this percent would be marked (default 30)")
    Integer removalThreshold;

    @Option(name = "--removal-reactivate", description = "Full tasks: a card marked removed whose source comes back gets its mapped status again (default: it stays removed)")
    boolean removalReactivate;

    @Option(name = "--failure-template", description = "Local template of the card written when a run fails")
    String failureTemplate;

    @Option(name = "--failure-folder", description = "Local folder of the failure card")
    String failureFolder;

    @Option(name = "--failure-attribute", description = "Attribute of the failure card that gets the error text")
    String failureAttribute;

    @Option(name = "--workflow", description = "Event tasks: a workflow that uses the task; repeat for each", multiValued = true)
    List<String> workflows;

    @Override
    public Object execute() throws IOException {
        if (tasks == null) {
            throw new CommandRefused(TaskLookup.UNAVAILABLE);
        }
        Map<String, String> taskSettings = CommandSupport.keyValues(settings);
        Object draft;
        try {
            draft = file != null ? fromFile() : event ? eventFromOptions() : scheduledFromOptions(taskSettings);
        } catch (IllegalArgumentException e) {
            throw new CommandRefused(e.getMessage());
        }
        return CommandSupport.run(() -> {
            if (draft instanceof ScheduledTask scheduled) {
                Saved<ScheduledTask> saved = tasks.createScheduled(connector, scheduled);
                System.out.println("Scheduled task '" + saved.value().name() + "' added with id "
                        + saved.value().id() + (saved.value().enabled() ? "." : " (disabled)."));
                printWarnings(saved);
            } else {
                Saved<EventTask> saved = tasks.createEvent(connector, (EventTask) draft);
                System.out.println("Event task '" + saved.value().name() + "' added with id " + saved.value().id()
                        + ".");
                printWarnings(saved);
            }
            return null;
        });
    }

    static void printWarnings(Saved<?> saved) {
        for (String warning : saved.warnings()) {
            System.out.println("Warning: " + warning);
        }
    }

    private Object fromFile() throws IOException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new CommandRefused("Can't read " + file + ".");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        try {
            if (event) {
                EventTask read = TaskLookup.json().readValue(text, EventTask.class);
                return name == null ? read : new EventTask(null, null, name, read.localTemplate(),
                        read.localFolder(), read.remoteTemplate(), read.remoteFolder(), read.mapping(),
                        read.workflowReferences(), null, null);
            }
            ScheduledTask read = TaskLookup.json().readValue(text, ScheduledTask.class);
            return name == null ? read : new ScheduledTask(null, null, name, read.enabled(), read.schedule(),
                    read.mode(), read.settings(), read.remoteTemplate(), read.remoteFolder(), read.mapping(),
                    read.removal(), read.failureCard(), null, null);
        } catch (JsonProcessingException e) {
            throw new CommandRefused(file + " is not a " + (event ? "event" : "scheduled") + " task: "
                    + e.getOriginalMessage());
        }
    }

    private ScheduledTask scheduledFromOptions(Map<String, String> taskSettings) {
        Schedule schedule = cron != null || interval != null ? new Schedule(cron, interval) : null;
        TaskMode taskMode = mode == null ? TaskMode.FULL : TaskFields.mode(mode);
        Mapping mapping = new Mapping(targetTemplate, targetFolder, TaskFields.pairs(orEmpty(pairs)),
                taskIdAttribute, uniqueKey, taskNameAttribute);
        RemovalPolicy removal = removalStatus == null && removalValue == null && removalThreshold == null
                && !removalReactivate ? null : new RemovalPolicy(removalStatus, removalValue,
                        removalThreshold == null ? 0 : removalThreshold, removalReactivate);
        FailureCardTarget failure = failureTemplate == null && failureFolder == null && failureAttribute == null
                ? null : new FailureCardTarget(failureTemplate, failureFolder, failureAttribute);
        return new ScheduledTask(null, null, name, !disabled, schedule, taskMode,
                taskSettings, remoteTemplate,
                remoteFolder, mapping, removal, failure, null, null);
    }

    private EventTask eventFromOptions() {
        Mapping mapping = new Mapping(null, null, TaskFields.pairs(orEmpty(pairs)), taskIdAttribute, uniqueKey,
                taskNameAttribute);
        return new EventTask(null, null, name, localTemplate, localFolder, remoteTemplate, remoteFolder, mapping,
                orEmpty(workflows), null, null);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
